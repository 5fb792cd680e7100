import TokensFunction
import PeekHTTP

FunctionHost.run(name: "fn-tokens") { configuration, logger in
    TokensHandler(configuration: configuration, logger: logger)
}
