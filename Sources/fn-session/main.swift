import SessionFunction
import PeekHTTP

FunctionHost.run(name: "fn-session") { configuration, logger in
    SessionHandler(configuration: configuration, logger: logger)
}
