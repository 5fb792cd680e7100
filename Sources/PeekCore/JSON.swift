import Foundation

/// The project's one JSON encoder settings: stable key order, no escaped slashes.
public enum JSON {
    public static func encode<Value: Encodable>(_ value: Value) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain Codable values of our own cannot fail; a failure is a programming error.
        return try! encoder.encode(value)
    }
}
