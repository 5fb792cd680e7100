import ModelJobsFunction
import PeekHTTP

FunctionHost.run(name: "fn-model-jobs") { configuration, _ in
    ModelJobsHandler(configuration: configuration)
}
