/// A value bound to a `$n` parameter. Every value travels as text and the server parses it as
/// the type the statement gives the parameter, so there is one encoding per Swift type.
protocol PostgreSQLBindable {
    /// Nil sends SQL NULL.
    var postgreSQLText: String? { get }
}

extension String: PostgreSQLBindable {
    /// PostgreSQL's text cannot hold NUL, which would also end the C string early: it becomes U+FFFD.
    var postgreSQLText: String? { contains("\0") ? replacingOccurrences(of: "\0", with: "\u{FFFD}") : self }
}

extension Int: PostgreSQLBindable {
    var postgreSQLText: String? { String(self) }
}

extension Int64: PostgreSQLBindable {
    var postgreSQLText: String? { String(self) }
}

extension Int32: PostgreSQLBindable {
    var postgreSQLText: String? { String(self) }
}

extension Double: PostgreSQLBindable {
    /// Swift's shortest round-trip form, which `double precision` reads back exactly.
    var postgreSQLText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return String(self)
    }
}

extension Bool: PostgreSQLBindable {
    var postgreSQLText: String? { self ? "true" : "false" }
}

extension Optional: PostgreSQLBindable where Wrapped: PostgreSQLBindable {
    var postgreSQLText: String? { self.flatMap(\.postgreSQLText) }
}

/// A `text[]` literal (`{"a","b"}`), for `= ANY($1::text[])` and `unnest($1::text[])`.
struct PostgreSQLTextArray: PostgreSQLBindable {
    let elements: [String]

    init(_ elements: some Sequence<String>) {
        self.elements = Array(elements)
    }

    var postgreSQLText: String? {
        let quoted = elements.map { element in
            let text = element.postgreSQLText ?? ""
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "{" + quoted.joined(separator: ",") + "}"
    }
}
