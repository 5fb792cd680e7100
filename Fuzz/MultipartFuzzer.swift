import Foundation

// libFuzzer target for the multipart/form-data parser (Sources/PeekHTTP/Multipart/),
// compiled together with it by Fuzz/run.sh. The input is a Content-Type line, "\n", then the body:
// the same two things an upload hands fn-analyze.
//
// Besides memory errors (AddressSanitizer) and traps, it checks the parser's contract: the body
// parser only ever reports a malformed envelope (its errors are typed, so nothing else can escape),
// with a reason, and every part it returns lies inside the body, in order, without overlapping,
// and within the part limit.

@_cdecl("LLVMFuzzerTestOneInput")
public func multipartFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    let newline = input.prefix(512).firstIndex(of: UInt8(ascii: "\n"))
    let contentType = String(decoding: input[..<(newline ?? 0)], as: UTF8.self)
    let body = UnsafeRawBufferPointer(rebasing: input[(newline.map { $0 + 1 } ?? 0)...])

    // The disposition header's parameter parser, on arbitrary text.
    _ = MultipartParser.dispositionParameters(contentType)

    let boundary: String
    do {
        boundary = try MultipartParser.boundary(fromContentType: contentType)
    } catch {
        if case .malformed(let reason) = error { precondition(!reason.isEmpty, "boundary refused without a reason") }
        // Still parse the body, with a fixed boundary, so inputs whose first line is not a valid
        // Content-Type reach the parser too.
        boundary = "b"
    }
    precondition((1...70).contains(boundary.utf8.count), "boundary of \(boundary.utf8.count) bytes accepted")

    var parser = MultipartParser(boundary: boundary)
    check(parser, body)
    // Tight limits, so the part-count and header-size guards are reached by small inputs too.
    parser.maxHeaderBytes = 24
    parser.maxParts = 2
    check(parser, body)
    return 0
}

private func check(_ parser: MultipartParser, _ body: UnsafeRawBufferPointer) {
    let parts: [MultipartPart]
    do {
        parts = try parser.parse(body)
    } catch {
        guard case .malformed(let reason) = error else { preconditionFailure("parse threw \(error)") }
        precondition(!reason.isEmpty, "parse refused a body without a reason")
        return
    }
    precondition(parts.count <= parser.maxParts, "\(parts.count) parts returned, limit \(parser.maxParts)")
    var previousEnd = 0
    for part in parts {
        precondition(part.body.lowerBound >= previousEnd && part.body.upperBound <= body.count,
                     "part body \(part.body) outside the body (\(body.count) bytes) or overlapping the previous one")
        previousEnd = part.body.upperBound
        _ = UnsafeRawBufferPointer(rebasing: body[part.body]).count
    }
}
