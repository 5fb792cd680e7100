import ModelVersionsFunction
import PeekHTTP

FunctionHost.run(name: "fn-model-versions") { configuration, logger in
    ModelVersionsHandler(configuration: configuration, logger: logger)
}
