/// An optional field written as JSON `null` when absent (synthesized Encodable leaves nil fields
/// out), for documents whose keys are always there.
@propertyWrapper
public struct EncodedAsNull<Value: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
