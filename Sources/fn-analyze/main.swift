import AnalyzeFunction
import PeekHTTP

FunctionHost.run(name: "fn-analyze") { configuration, logger in
    AnalyzeHandler(configuration: configuration, logger: logger)
}
