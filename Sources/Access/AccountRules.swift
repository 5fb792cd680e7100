import PeekHTTP

/// What a username and a password may be, for `POST /api/users` and `peek-admin user`.
public enum AccountRules {
    public static let passwordLength = 8...1024

    public static func check(username: String) throws(RequestError) {
        let allowed = username.utf8.allSatisfy { byte in
            (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || byte == 45 || byte == 46
                || byte == 95
        }
        // A leading - or . would read as an option on peek-admin's command line, or as a hidden file.
        let first = username.utf8.first ?? 0
        guard (1...64).contains(username.utf8.count), allowed, first != 45, first != 46 else {
            throw .invalidField(name: "username", problem: "must be 1 to 64 characters of A-Z a-z 0-9 . _ -, not starting with - or .")
        }
    }

    public static func check(password: String, field: String = "password") throws(RequestError) {
        guard passwordLength.contains(password.utf8.count) else {
            throw .invalidField(name: field, problem: "must be \(passwordLength.lowerBound) to \(passwordLength.upperBound) bytes long")
        }
    }
}
