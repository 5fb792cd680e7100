import PeekCore
import PeekHTTP
import RenditionFunction

FunctionHost.run(name: "fn-rendition") { configuration, logger in
    // Decoding untrusted images: an allocation past the limit fails the request, not the machine.
    AddressSpaceLimit.apply(bytes: configuration.transformMemoryBytes)
    return RenditionHandler(configuration: configuration, logger: logger)
}
