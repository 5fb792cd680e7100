import ResultsFunction
import PeekHTTP

FunctionHost.run(name: "fn-results") { configuration, _ in ResultsHandler(configuration: configuration) }
