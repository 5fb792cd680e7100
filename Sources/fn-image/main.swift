import ImageFunction
import PeekHTTP

FunctionHost.run(name: "fn-image") { configuration, _ in ImageHandler(configuration: configuration) }
