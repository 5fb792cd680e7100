import Shared

FunctionHost.run(name: "fn-health") { configuration, _ in HealthHandler(configuration: configuration) }
