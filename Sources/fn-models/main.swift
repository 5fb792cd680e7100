import ModelsFunction
import PeekHTTP

FunctionHost.run(name: "fn-models") { configuration, logger in
    ModelsHandler(configuration: configuration, logger: logger)
}
