import AlbumPhotosFunction
import PeekHTTP

FunctionHost.run(name: "fn-album-photos") { configuration, logger in
    AlbumPhotosHandler(configuration: configuration, logger: logger)
}
