import Foundation

/// Public image identifiers: 128 random bits as 22 URL-safe base64 characters, so nobody can
/// walk through other people's uploads by counting.
public enum ImageID {
    public static let length = 22

    /// A new identifier from the system's cryptographic random source (getrandom).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// True for text that has the shape of an identifier; anything else never reaches the database.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { byte in
            (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || byte == 45 || byte == 95
        }
    }
}
