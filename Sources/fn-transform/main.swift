import PeekCore
import PeekHTTP
import TransformFunction

FunctionHost.run(name: "fn-transform") { configuration, logger in
    // Decoding untrusted images: an allocation past the limit fails the request, not the machine.
    AddressSpaceLimit.apply(bytes: configuration.transformMemoryBytes)
    return TransformHandler(configuration: configuration, logger: logger)
}
