import PeekHTTP

/// A `Set-Cookie` header: always HttpOnly and SameSite=Lax, Secure behind HTTPS.
public struct Cookie {
    let name: String
    let value: String
    let path: String
    let maxAge: Int
    let secure: Bool

    public init(name: String, value: String, path: String = "/", maxAge: Int, secure: Bool) {
        self.name = name
        self.value = value
        self.path = path
        self.maxAge = maxAge
        self.secure = secure
    }

    /// The same cookie, expired at once.
    public static func clearing(_ name: String, path: String = "/", secure: Bool) -> Cookie {
        Cookie(name: name, value: "", path: path, maxAge: 0, secure: secure)
    }

    public var header: (String, String) {
        ("Set-Cookie", "\(name)=\(value); Path=\(path); Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""))
    }
}
