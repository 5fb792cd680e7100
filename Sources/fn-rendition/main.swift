import PeekHTTP
import RenditionFunction

FunctionHost.run(name: "fn-rendition") { configuration, logger in
    RenditionHandler(configuration: configuration, logger: logger)
}
