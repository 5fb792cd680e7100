import AlbumsFunction
import PeekHTTP

FunctionHost.run(name: "fn-albums") { configuration, logger in
    AlbumsHandler(configuration: configuration, logger: logger)
}
