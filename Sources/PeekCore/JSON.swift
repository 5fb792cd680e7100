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

extension JSON {
    /// `object` (an encoded JSON object) with `"key": raw` put first, `raw` being JSON already
    /// (the insights the worker serialised), so that it is not parsed and encoded again.
    public static func inserting(_ raw: String, as key: String, into object: Data) -> Data {
        var document = Data("{\"\(key)\":".utf8)
        document.append(Data(raw.utf8))
        if object.count > 2 { document.append(UInt8(ascii: ",")) }
        document.append(object.dropFirst())
        return document
    }

    /// A JSON array of already encoded elements.
    public static func array(_ elements: [Data]) -> Data {
        var document = Data("[".utf8)
        for (index, element) in elements.enumerated() {
            if index > 0 { document.append(UInt8(ascii: ",")) }
            document.append(element)
        }
        document.append(UInt8(ascii: "]"))
        return document
    }
}
