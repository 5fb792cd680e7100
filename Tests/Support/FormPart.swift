import Foundation

/// One part of a hand-built multipart/form-data body.
public struct FormPart {
    public var headers: [String]
    public var body: [UInt8]

    public init(headers: [String], body: [UInt8]) {
        self.headers = headers
        self.body = body
    }

    /// A part with the usual Content-Disposition (and Content-Type when given).
    public static func field(_ name: String, filename: String? = nil, contentType: String? = nil, body: [UInt8]) -> FormPart {
        var disposition = "Content-Disposition: form-data; name=\"\(name)\""
        if let filename { disposition += "; filename=\"\(filename)\"" }
        return FormPart(headers: [disposition] + (contentType.map { ["Content-Type: \($0)"] } ?? []), body: body)
    }

    public static func field(_ name: String, value: String) -> FormPart {
        field(name, body: Array(value.utf8))
    }
}

/// The bytes of a multipart body: optional preamble, the parts, and the closing delimiter
/// (left out with `closed: false`, to make truncated bodies).
public func multipartBody(boundary: String, _ parts: [FormPart], preamble: String? = nil, closed: Bool = true) -> [UInt8] {
    var bytes: [UInt8] = []
    if let preamble { bytes += Array("\(preamble)\r\n".utf8) }
    for part in parts {
        bytes += Array("--\(boundary)\r\n".utf8)
        for header in part.headers { bytes += Array("\(header)\r\n".utf8) }
        bytes += Array("\r\n".utf8)
        bytes += part.body
        bytes += Array("\r\n".utf8)
    }
    if closed { bytes += Array("--\(boundary)--\r\n".utf8) }
    return bytes
}

