import CPostgreSQL

/// The rows a statement returned (in text form) and how many it changed; owns the libpq result.
final class PostgreSQLResult {
    private let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { PQclear(handle) }

    var count: Int { Int(PQntuples(handle)) }

    /// The rows an INSERT, UPDATE or DELETE touched (0 for other statements).
    var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    /// The command tag: `COMMIT`, or `ROLLBACK` when a COMMIT ended a failed transaction.
    var commandStatus: String { String(cString: PQcmdStatus(handle)) }

    var rows: [PostgreSQLRow] { (0..<count).map { PostgreSQLRow(result: self, index: Int32($0)) } }

    var first: PostgreSQLRow? { count > 0 ? PostgreSQLRow(result: self, index: 0) : nil }

    fileprivate func text(row: Int32, column name: String) -> String? {
        let column = PQfnumber(handle, name)
        precondition(column >= 0, "the statement returned no column \(name)")
        return text(row: row, column: column)
    }

    fileprivate func text(row: Int32, column: Int32) -> String? {
        precondition(column >= 0 && column < PQnfields(handle), "the statement returned no column \(column)")
        if PQgetisnull(handle, row, column) == 1 { return nil }
        return String(cString: PQgetvalue(handle, row, column))
    }
}

/// One row of a result; a column is read by name or position as any `PostgreSQLDecodable` type.
struct PostgreSQLRow {
    let result: PostgreSQLResult
    let index: Int32

    subscript<Value: PostgreSQLDecodable>(_ column: String) -> Value {
        Value.decode(result.text(row: index, column: column), column: column)
    }

    subscript<Value: PostgreSQLDecodable>(_ column: Int) -> Value {
        Value.decode(result.text(row: index, column: Int32(column)), column: "#\(column)")
    }
}

/// A Swift type a column's text converts to. A NULL, or text of another type, in a column the
/// schema declares NOT NULL is a bug in the statement, and stops the process as GRDB does.
protocol PostgreSQLDecodable {
    static func decode(_ text: String?, column: String) -> Self
}

private func required(_ text: String?, _ column: String) -> String {
    guard let text else { preconditionFailure("column \(column) is NULL") }
    return text
}

private func parsed<Value>(_ text: String?, _ column: String, _ parse: (String) -> Value?) -> Value {
    let text = required(text, column)
    guard let value = parse(text) else { preconditionFailure("column \(column) holds \(text), not a \(Value.self)") }
    return value
}

extension String: PostgreSQLDecodable {
    static func decode(_ text: String?, column: String) -> String { required(text, column) }
}

extension Int: PostgreSQLDecodable {
    static func decode(_ text: String?, column: String) -> Int { parsed(text, column) { Int($0) } }
}

extension Int64: PostgreSQLDecodable {
    static func decode(_ text: String?, column: String) -> Int64 { parsed(text, column) { Int64($0) } }
}

extension Double: PostgreSQLDecodable {
    static func decode(_ text: String?, column: String) -> Double { parsed(text, column) { Double($0) } }
}

extension Bool: PostgreSQLDecodable {
    static func decode(_ text: String?, column: String) -> Bool {
        parsed(text, column) { $0 == "t" ? true : $0 == "f" ? false : nil }
    }
}

extension Optional: PostgreSQLDecodable where Wrapped: PostgreSQLDecodable {
    static func decode(_ text: String?, column: String) -> Wrapped? {
        text.map { Wrapped.decode($0, column: column) }
    }
}
