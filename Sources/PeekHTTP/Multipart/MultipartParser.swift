import Foundation

/// One part of a multipart/form-data body; `body` is a range into the buffer that was parsed,
/// so the file's bytes are never copied.
public struct MultipartPart: Equatable, Sendable {
    public let name: String?
    public let filename: String?
    public let contentType: String?
    public let body: Range<Int>
}

/// A multipart/form-data parser over a buffer (usually the memory-mapped body file nginx wrote),
/// with limits on header size and part count so a hostile body cannot make it work hard.
public struct MultipartParser {
    public let boundary: [UInt8]
    public var maxHeaderBytes = 8 * 1024
    public static let defaultMaxParts = 32
    public var maxParts = defaultMaxParts

    public init(boundary: String) {
        self.boundary = Array(boundary.utf8)
    }

    /// The boundary parameter of a `multipart/form-data` Content-Type.
    public static func boundary(fromContentType contentType: String?) throws(MultipartError) -> String {
        guard let contentType,
              contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
                == "multipart/form-data" else {
            throw MultipartError.notFormData
        }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].count >= 2 && pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"")
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
            guard (1...70).contains(value.utf8.count), !value.hasSuffix(" "),
                  value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
                throw MultipartError.malformed("invalid boundary")
            }
            return value
        }
        throw MultipartError.malformed("the Content-Type has no boundary")
    }

    public func parse(_ bytes: UnsafeRawBufferPointer) throws(MultipartError) -> [MultipartPart] {
        let delimiter = Array("--".utf8) + boundary
        let partSeparator = Array("\r\n".utf8) + delimiter
        let headerEnd = Array("\r\n\r\n".utf8)
        var cursor: Int
        if starts(bytes, with: delimiter, at: 0) {
            cursor = delimiter.count
        } else if let first = find(partSeparator, in: bytes, from: 0) {
            cursor = first + partSeparator.count
        } else {
            throw MultipartError.malformed("the boundary never appears")
        }
        var parts: [MultipartPart] = []
        while true {
            if starts(bytes, with: Array("--".utf8), at: cursor) { return parts }
            while cursor < bytes.count && (bytes[cursor] == 0x20 || bytes[cursor] == 0x09) { cursor += 1 }
            guard starts(bytes, with: Array("\r\n".utf8), at: cursor) else {
                throw MultipartError.malformed(cursor >= bytes.count
                    ? "it ends before the closing boundary" : "junk after a boundary")
            }
            cursor += 2
            guard parts.count < maxParts else {
                throw MultipartError.malformed("more than \(maxParts) parts")
            }
            // The CRLF that ended the boundary line also starts the blank line of a part without headers.
            let searchLimit = min(bytes.count, cursor + maxHeaderBytes + headerEnd.count)
            guard let headersEnd = find(headerEnd, in: UnsafeRawBufferPointer(rebasing: bytes[..<searchLimit]), from: cursor - 2) else {
                throw MultipartError.malformed(searchLimit < bytes.count
                    ? "part headers exceed \(maxHeaderBytes) bytes" : "it ends inside part headers")
            }
            let headers = parseHeaders(bytes[cursor..<max(cursor, headersEnd)])
            let bodyStart = headersEnd + headerEnd.count
            guard let bodyEnd = find(partSeparator, in: bytes, from: bodyStart) else {
                throw MultipartError.malformed("it ends before the closing boundary")
            }
            parts.append(partFrom(headers, body: bodyStart..<bodyEnd))
            cursor = bodyEnd + partSeparator.count
        }
    }

    private func partFrom(_ headers: [String: String], body: Range<Int>) -> MultipartPart {
        let disposition = headers["content-disposition"].map(Self.dispositionParameters) ?? [:]
        return MultipartPart(name: disposition["name"], filename: disposition["filename"],
                             contentType: headers["content-type"], body: body)
    }

    private func parseHeaders(_ slice: Slice<UnsafeRawBufferPointer>) -> [String: String] {
        var headers: [String: String] = [:]
        for line in String(decoding: slice, as: UTF8.self).components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    /// `form-data; name="image"; filename="a.png"` → ["name": "image", "filename": "a.png"].
    static func dispositionParameters(_ value: String) -> [String: String] {
        var parameters: [String: String] = [:]
        var remainder = Substring(value)
        while let semicolon = remainder.firstIndex(of: ";") {
            remainder = remainder[remainder.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let equals = remainder.firstIndex(of: "=") else { break }
            let key = remainder[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            remainder = remainder[remainder.index(after: equals)...]
            if remainder.first == "\"" {
                var text = ""
                var index = remainder.index(after: remainder.startIndex)
                while index < remainder.endIndex && remainder[index] != "\"" {
                    if remainder[index] == "\\", remainder.index(after: index) < remainder.endIndex {
                        index = remainder.index(after: index)
                    }
                    text.append(remainder[index])
                    index = remainder.index(after: index)
                }
                parameters[key] = text
                remainder = index < remainder.endIndex ? remainder[remainder.index(after: index)...] : ""
            } else {
                let end = remainder.firstIndex(of: ";") ?? remainder.endIndex
                parameters[key] = remainder[..<end].trimmingCharacters(in: .whitespaces)
                remainder = remainder[end...]
            }
        }
        return parameters
    }

    private func starts(_ bytes: UnsafeRawBufferPointer, with pattern: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, bytes.count - offset >= pattern.count else { return false }
        return pattern.indices.allSatisfy { bytes[offset + $0] == pattern[$0] }
    }

    private func find(_ pattern: [UInt8], in bytes: UnsafeRawBufferPointer, from offset: Int) -> Int? {
        guard let first = pattern.first, let base = bytes.baseAddress else { return nil }
        var start = offset
        while bytes.count - start >= pattern.count {
            guard let hit = memchr(base + start, Int32(first), bytes.count - start - pattern.count + 1) else { return nil }
            let position = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(hit, pattern, pattern.count) == 0 { return position }
            start = position + 1
        }
        return nil
    }
}
