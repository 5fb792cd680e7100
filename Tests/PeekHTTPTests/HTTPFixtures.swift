import ImageInspection
import PeekHTTP
import Testing

// Fixtures of the HTTP layer's tests: what a client would be told about an error, the multipart
// parser over an array, and the upload check over an array.

/// Expects `body` to throw an error that `PublicError` answers with `status`, and returns that
/// answer for further checks.
@discardableResult
func expectPublicError(_ status: HTTPStatus, sourceLocation: SourceLocation = #_sourceLocation,
                       _ body: () throws -> Void) -> PublicError? {
    let error = #expect(throws: (any Error).self, sourceLocation: sourceLocation) { try body() }
    let answer = error.map { PublicError($0) }
    #expect(answer?.status == status, "got \(error.map { "\($0)" } ?? "no error")", sourceLocation: sourceLocation)
    return answer
}

/// Parses `body` with a parser for `boundary`.
func parseMultipart(_ body: [UInt8], boundary: String,
                    configure: (inout MultipartParser) -> Void = { _ in }) throws -> [MultipartPart] {
    var parser = MultipartParser(boundary: boundary)
    configure(&parser)
    return try body.withUnsafeBytes { try parser.parse($0) }
}

/// The upload check (`ImageHeader.checkedUpload`) over an array, with no pixel limit unless given.
func readHeader(_ bytes: [UInt8], maxPixels: Int = .max) throws -> ImageHeader {
    try bytes.withUnsafeBytes { try ImageHeader.checkedUpload($0, maxPixels: maxPixels) }
}
