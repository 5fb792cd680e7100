import ImageInspection
import PeekCore

/// The `image` field of a multipart upload, checked before anything decodes it: there, not empty,
/// within the size limit, and a header within the pixel and decoding limits.
public struct ImageField {
    /// The image's bytes, inside the request body: valid only within `ImageField.reading`.
    public let bytes: UnsafeRawBufferPointer
    public let header: ImageHeader
    /// The client's file name, its last path component only, at most 255 characters.
    public let filename: String?

    /// Reads the request's body (the file nginx spooled, or the stream) and hands its checked
    /// image field to `body`.
    public static func reading<T>(_ request: Request, configuration: PeekConfiguration,
                                  _ body: (ImageField) throws -> T) throws -> T {
        try readingParts(request, configuration: configuration, maxParts: MultipartParser.defaultMaxParts) { bytes, parts in
            guard let part = parts.first(where: { $0.name == "image" }) else { throw RequestError.missingField(name: "image") }
            return try body(try ImageField(part, in: bytes, configuration: configuration))
        }
    }

    /// Every `image` field of the request (at most `limit`), each checked; the first bad one is
    /// reported with its number and name (`FileError`), and then none is handed over.
    public static func readingAll<T>(_ request: Request, configuration: PeekConfiguration, limit: Int,
                                     _ body: ([ImageField]) throws -> T) throws -> T {
        try readingParts(request, configuration: configuration, maxParts: limit + 8) { bytes, parts in
            let images = parts.filter { $0.name == "image" }
            guard !images.isEmpty else { throw RequestError.missingField(name: "image") }
            guard images.count <= limit else {
                throw RequestError.invalidField(name: "image", problem: "is given \(images.count) times; send at most \(limit) files a request")
            }
            var fields: [ImageField] = []
            for (index, part) in images.enumerated() {
                do {
                    fields.append(try ImageField(part, in: bytes, configuration: configuration))
                } catch {
                    throw FileError(number: index + 1, filename: part.filename.map(Self.displayName), underlying: error)
                }
            }
            return try body(fields)
        }
    }

    /// The request's multipart parts (at most `maxParts`) over its body's bytes, for forms with
    /// other fields than images (a model package and its version label).
    public static func readingParts<T>(_ request: Request, configuration: PeekConfiguration, maxParts: Int,
                                        _ body: (UnsafeRawBufferPointer, [MultipartPart]) throws -> T) throws -> T {
        let boundary = try MultipartParser.boundary(fromContentType: request.contentType)
        if let length = request.contentLength, length > configuration.maxRequestBodyBytes {
            throw RequestError.uploadTooLarge(limitBytes: configuration.maxUploadBytes)
        }
        return try UploadBody(request: request, configuration: configuration).withBytes { bytes in
            var parser = MultipartParser(boundary: boundary)
            parser.maxParts = maxParts
            return try body(bytes, try parser.parse(bytes))
        }
    }

    init(_ part: MultipartPart, in body: UnsafeRawBufferPointer, configuration: PeekConfiguration) throws {
        bytes = UnsafeRawBufferPointer(rebasing: body[part.body])
        guard !bytes.isEmpty else { throw RequestError.emptyFile }
        guard bytes.count <= configuration.maxUploadBytes else {
            throw RequestError.uploadTooLarge(limitBytes: configuration.maxUploadBytes)
        }
        header = try ImageHeader.checkedUpload(bytes, maxPixels: configuration.maxPixels)
        filename = part.filename.map(Self.displayName)
    }

    private static func displayName(_ filename: String) -> String {
        let base = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return String(base.prefix(255))
    }
}
