import PeekHTTP
import TransformFunction

FunctionHost.run(name: "fn-transform") { configuration, logger in
    TransformHandler(configuration: configuration, logger: logger)
}
