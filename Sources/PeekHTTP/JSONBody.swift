import Foundation

/// A small JSON request body (`body = json` routes: nginx caps them at `limit` too), decoded into
/// `T` with a message that names what is wrong.
public enum JSONBody {
    public static let limit = 64 * 1024

    public static func decode<T: Decodable>(_ type: T.Type, from request: Request) throws(RequestError) -> T {
        let data = try read(request)
        if let contentType = request.contentType, !contentType.lowercased().hasPrefix("application/json") {
            throw .notJSON
        }
        do {
            return try JSONDecoder().decode(T.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .invalidField(name: Self.name(context.codingPath), problem: "has the wrong type")
        } catch let DecodingError.keyNotFound(key, _) {
            throw .invalidField(name: key.stringValue, problem: "is missing")
        } catch {
            throw .malformedJSON
        }
    }

    private static func read(_ request: Request) throws(RequestError) -> Data {
        if let length = request.contentLength, length > limit { throw .bodyTooLarge(limitBytes: limit) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { request.bodyStream.read(into: $0) }
            if count < 0 { throw .uploadInterrupted }
            if count == 0 { return data }
            data.append(contentsOf: buffer[..<count])
            if data.count > limit { throw .bodyTooLarge(limitBytes: limit) }
        }
    }

    private static func name(_ path: [any CodingKey]) -> String {
        path.map(\.stringValue).joined(separator: ".")
    }
}
