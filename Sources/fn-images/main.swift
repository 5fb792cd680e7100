import ImagesFunction
import PeekHTTP

FunctionHost.run(name: "fn-images") { configuration, logger in
    ImagesHandler(configuration: configuration, logger: logger)
}
