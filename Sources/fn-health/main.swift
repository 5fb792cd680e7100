import HealthFunction
import PeekHTTP

FunctionHost.run(name: "fn-health") { configuration, _ in HealthHandler(configuration: configuration) }
