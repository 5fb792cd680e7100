import UsersFunction
import PeekHTTP

FunctionHost.run(name: "fn-users") { configuration, logger in
    UsersHandler(configuration: configuration, logger: logger)
}
