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
        let boundary = try MultipartParser.boundary(fromContentType: request.contentType)
        if let length = request.contentLength, length > configuration.maxRequestBodyBytes {
            throw RequestError.uploadTooLarge(limitBytes: configuration.maxUploadBytes)
        }
        return try UploadBody(request: request, configuration: configuration).withBytes { bytes in
            try body(try ImageField(in: bytes, boundary: boundary, configuration: configuration))
        }
    }

    init(in body: UnsafeRawBufferPointer, boundary: String, configuration: PeekConfiguration) throws {
        let parts = try MultipartParser(boundary: boundary).parse(body)
        guard let part = parts.first(where: { $0.name == "image" }) else { throw RequestError.missingField(name: "image") }
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
