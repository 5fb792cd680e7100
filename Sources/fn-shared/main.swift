import SharedFunction
import PeekHTTP

FunctionHost.run(name: "fn-shared") { configuration, logger in
    SharedHandler(configuration: configuration, logger: logger)
}
