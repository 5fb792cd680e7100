import Foundation

/// The few elements Peek reads from S3's XML replies (error codes, ListObjectsV2 pages). The
/// documents are the server's own and flat; only the five predefined entities are decoded.
enum S3XML {
    /// The text of every `<name>…</name>` in `document`, in order.
    static func values(of name: String, in document: Data) -> [String] {
        values(of: name, in: String(decoding: document, as: UTF8.self))
    }

    static func values(of name: String, in text: String, decoding: Bool = true) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "<\(name)>"), let close = rest[open.upperBound...].range(of: "</\(name)>") {
            let inner = String(rest[open.upperBound..<close.lowerBound])
            result.append(decoding ? decoded(inner) : inner)
            rest = rest[close.upperBound...]
        }
        return result
    }

    /// Each `<name>` element of a document (a listing's `<Contents>`) as its own text, still encoded.
    static func elements(_ name: String, in document: Data) -> [String] {
        values(of: name, in: String(decoding: document, as: UTF8.self), decoding: false)
    }

    private static func decoded(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
