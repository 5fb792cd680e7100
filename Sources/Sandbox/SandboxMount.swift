/// A host path visible inside the sandbox.
public struct SandboxMount: Sendable, Equatable {
    public let source: String
    public let destination: String
    public let writable: Bool

    public static func readOnly(_ source: String, at destination: String) -> SandboxMount {
        SandboxMount(source: source, destination: destination, writable: false)
    }

    public static func writable(_ source: String, at destination: String) -> SandboxMount {
        SandboxMount(source: source, destination: destination, writable: true)
    }
}
