import Foundation

/// Text a person typed into a field that Peek keeps and shows back (a token's name, an album's
/// title, a model's description), checked the same way everywhere: trimmed (names), within its
/// length, and without control characters but the line breaks and tabs of longer text. A NUL would
/// come back cut short from the database, and other control characters garble logs and pages.
public enum TypedText {
    /// A one-line name or title: trimmed, `length` characters, no control characters at all.
    public static func name(_ text: String, field: String, length: ClosedRange<Int>) throws(RequestError) -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard length.contains(name.count) else {
            throw .invalidField(name: field, problem: "must be \(length.lowerBound) to \(length.upperBound) characters")
        }
        try checkControls(name, field: field, allowing: [])
        return name
    }

    /// Longer text kept as it is: at most `maximum` characters; line breaks and tabs allowed.
    public static func text(_ text: String, field: String, maximum: Int) throws(RequestError) -> String {
        guard text.count <= maximum else { throw .invalidField(name: field, problem: "must be at most \(maximum) characters") }
        try checkControls(text, field: field, allowing: ["\n", "\r", "\t"])
        return text
    }

    private static func checkControls(_ text: String, field: String, allowing allowed: Set<Unicode.Scalar>) throws(RequestError) {
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            throw .invalidField(name: field, problem: "must not contain control characters")
        }
    }
}
