import CSodium

/// Argon2id password hashes (libsodium's `crypto_pwhash_str`, interactive limits), in the
/// self-describing `$argon2id$…` form that carries its own salt and parameters.
public enum PasswordHasher {
    /// The hash of a random password nobody kept, with the parameters `hash` uses: checked when
    /// the account does not exist, so that a wrong username costs the time of a wrong password.
    static let decoy = "$argon2id$v=19$m=65536,t=2,p=1$P32GorwzxYgqPMbQ3eJRkQ$Kwg8OZ+sEvZQGTk/vlfmntdLEj+Ap/Nbw4eQB8yJQI0"

    public static func hash(_ password: String) throws(CredentialsError) -> String {
        try Sodium.ready()
        var output = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let status = crypto_pwhash_str(&output, password, UInt64(password.utf8.count),
                                       UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE), Int(crypto_pwhash_MEMLIMIT_INTERACTIVE))
        guard status == 0 else { throw .hashingFailed }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches `stored`; with `stored` nil (no such account) the decoy is checked
    /// so that the answer takes as long, and is false.
    public static func verify(_ password: String, against stored: String?) -> Bool {
        guard (try? Sodium.ready()) != nil else { return false }
        let target = stored ?? decoy
        let matches = crypto_pwhash_str_verify(target, password, UInt64(password.utf8.count)) == 0
        return matches && stored != nil
    }
}
