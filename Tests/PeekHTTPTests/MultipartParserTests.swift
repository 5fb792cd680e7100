import Foundation
import Testing
@testable import PeekHTTP
import PeekCore
import PeekStore
import PeekTestSupport

@Suite struct MultipartParserTests {
    let boundary = "----PeekBoundary7MA4YWxkTrZu0gW"
    let png = ImageBytes.png(width: 2, height: 3)

    // MARK: Parsing bodies

    @Test func parsesASingleImagePartWithItsNameFilenameTypeAndBytes() throws {
        let body = multipartBody(boundary: boundary, [.field("image", filename: "cat.png", contentType: "image/png", body: png)])
        let parts = try parseMultipart(body, boundary: boundary)
        try #require(parts.count == 1)
        #expect(parts[0].name == "image")
        #expect(parts[0].filename == "cat.png")
        #expect(parts[0].contentType == "image/png")
        #expect(Array(body[parts[0].body]) == png)
    }

    @Test func parsesSeveralPartsInOrderWithTheImageNotFirst() throws {
        let body = multipartBody(boundary: boundary, [
            .field("title", value: "holiday"),
            .field("note", value: ""),
            .field("image", filename: "a.png", contentType: "image/png", body: png),
            .field("trailer", value: "after"),
        ])
        let parts = try parseMultipart(body, boundary: boundary)
        #expect(parts.map(\.name) == ["title", "note", "image", "trailer"])
        #expect(parts.map(\.filename) == [nil, nil, "a.png", nil])
        #expect(String(decoding: body[parts[0].body], as: UTF8.self) == "holiday")
        #expect(parts[1].body.isEmpty)
        let image = try #require(parts.first { $0.name == "image" })
        #expect(Array(body[image.body]) == png)
        #expect(String(decoding: body[parts[3].body], as: UTF8.self) == "after")
    }

    @Test func aBodyWithoutAnImageFieldParsesAndSimplyHasNoImagePart() throws {
        let body = multipartBody(boundary: boundary, [
            .field("picture", filename: "a.png", contentType: "image/png", body: png),
            .field("title", value: "x"),
        ])
        let parts = try parseMultipart(body, boundary: boundary)
        #expect(parts.count == 2)
        #expect(!parts.contains { $0.name == "image" })
    }

    @Test func anEmptyFilePartHasAnEmptyBodyRange() throws {
        let body = multipartBody(boundary: boundary, [.field("image", filename: "empty.png", contentType: "image/png", body: [])])
        let parts = try parseMultipart(body, boundary: boundary)
        try #require(parts.count == 1)
        #expect(parts[0].name == "image")
        #expect(parts[0].filename == "empty.png")
        #expect(parts[0].body.isEmpty)
    }

    @Test func aBodyWithNoPartsAtAllIsJustTheClosingDelimiter() throws {
        #expect(try parseMultipart(Array("--\(boundary)--\r\n".utf8), boundary: boundary).isEmpty)
    }

    @Test func binaryContentWithCRLFAndPartialBoundariesIsKeptByteForByte() throws {
        let tricky: [UInt8] = [0x00, 0xFF, 0x0D, 0x0A, 0x0D, 0x0A] + Array("\r\n--\(boundary.dropLast())".utf8)
            + [0x0D] + Array("\r\n-".utf8) + Array("--\(boundary)".utf8) + [0x0A, 0x0D, 0x0A, 0x2D, 0x2D]
            + Array("\r\n--".utf8) + [0x00, 0x0D]
        let body = multipartBody(boundary: boundary, [
            .field("image", filename: "blob.bin", contentType: "application/octet-stream", body: tricky),
            .field("after", value: "ok"),
        ])
        let parts = try parseMultipart(body, boundary: boundary)
        try #require(parts.count == 2)
        #expect(Array(body[parts[0].body]) == tricky)
        #expect(String(decoding: body[parts[1].body], as: UTF8.self) == "ok")
    }

    @Test func aPreambleBeforeTheFirstBoundaryIsSkipped() throws {
        let body = multipartBody(boundary: boundary, [.field("image", filename: "a.png", body: png)],
                                 preamble: "This is the preamble; clients must ignore it.")
        let parts = try parseMultipart(body, boundary: boundary)
        #expect(parts.map(\.name) == ["image"])
        #expect(Array(body[parts[0].body]) == png)
    }

    @Test func anEpilogueAfterTheClosingDelimiterIsIgnored() throws {
        let body = multipartBody(boundary: boundary, [.field("image", body: png)]) + Array("epilogue\r\n--junk".utf8)
        #expect(try parseMultipart(body, boundary: boundary).count == 1)
    }

    @Test func linearWhitespaceAfterABoundaryIsAccepted() throws {
        let body = Array("--\(boundary) \t\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc\r\n--\(boundary)--".utf8)
        let parts = try parseMultipart(body, boundary: boundary)
        #expect(parts.map(\.name) == ["image"])
        #expect(String(decoding: body[parts[0].body], as: UTF8.self) == "abc")
    }

    @Test func headerNamesAreCaseInsensitiveAndValuesTrimmed() throws {
        let part = FormPart(headers: ["content-DISPOSITION:   form-data;name=image ;  FILENAME=\"x.gif\"",
                                      "CONTENT-TYPE:image/gif  "], body: [1, 2, 3])
        let body = multipartBody(boundary: boundary, [part])
        let parts = try parseMultipart(body, boundary: boundary)
        #expect(parts.first?.name == "image")
        #expect(parts.first?.filename == "x.gif")
        #expect(parts.first?.contentType == "image/gif")
    }

    @Test func aFilenameWithEscapedQuotesAndSemicolonsIsUnescaped() throws {
        let part = FormPart(headers: [#"Content-Disposition: form-data; name="image"; filename="my \"best\" shot; v2.png""#],
                            body: png)
        let parts = try parseMultipart(multipartBody(boundary: boundary, [part]), boundary: boundary)
        #expect(parts.first?.name == "image")
        #expect(parts.first?.filename == #"my "best" shot; v2.png"#)
    }

    @Test func dispositionParametersReadQuotedAndBareValues() {
        let parameters = MultipartParser.dispositionParameters(#"form-data; name=image; filename="a\\b.png""#)
        #expect(parameters == ["name": "image", "filename": #"a\b.png"#])
    }

    @Test func partHeadersUpToTheLimitAreAccepted() throws {
        let disposition = "Content-Disposition: form-data; name=\"image\""
        // The header block is everything between the boundary line and the blank line.
        let padding = String(repeating: "p", count: 8 * 1024 - disposition.utf8.count - "\r\nX-Pad: ".utf8.count)
        let part = FormPart(headers: [disposition, "X-Pad: \(padding)"], body: png)
        let body = multipartBody(boundary: boundary, [part])
        let parts = try parseMultipart(body, boundary: boundary)
        #expect(parts.first?.name == "image")
        #expect(Array(body[parts[0].body]) == png)
    }

    @Test func partHeadersOverEightKibibytesAreABadRequest() {
        let part = FormPart(headers: ["Content-Disposition: form-data; name=\"image\"",
                                      "X-Pad: " + String(repeating: "p", count: 8 * 1024)], body: png)
        let error = expectPublicError(.badRequest) { _ = try parseMultipart(multipartBody(boundary: boundary, [part]), boundary: boundary) }
        #expect(error?.message.contains("8192") == true)
    }

    @Test func moreThanTheMaximumNumberOfPartsIsABadRequest() throws {
        let parts = (0..<5).map { FormPart.field("f\($0)", value: "\($0)") }
        #expect(try parseMultipart(multipartBody(boundary: boundary, parts), boundary: boundary) { $0.maxParts = 5 }.count == 5)
        expectPublicError(.badRequest) {
            _ = try parseMultipart(multipartBody(boundary: boundary, parts + [.field("extra", value: "6")]),
                                   boundary: boundary) { $0.maxParts = 5 }
        }
    }

    // MARK: Malformed bodies

    @Test func aBodyWithoutTheClosingDelimiterIsABadRequest() {
        let body = multipartBody(boundary: boundary, [.field("image", filename: "a.png", body: png)], closed: false)
        expectPublicError(.badRequest) { _ = try parseMultipart(body, boundary: boundary) }
    }

    @Test func aBodyCutInsideAPartIsABadRequest() {
        let body = multipartBody(boundary: boundary, [.field("image", filename: "a.png", body: png)])
        let cut = Array(body.prefix(body.count - boundary.utf8.count - 10))
        expectPublicError(.badRequest) { _ = try parseMultipart(cut, boundary: boundary) }
    }

    @Test func aBodyCutRightAfterADelimiterIsABadRequest() {
        let body = multipartBody(boundary: boundary, [.field("title", value: "x")], closed: false) + Array("--\(boundary)".utf8)
        let error = expectPublicError(.badRequest) { _ = try parseMultipart(body, boundary: boundary) }
        #expect(error?.message.contains("closing boundary") == true)
    }

    @Test func aBodyEndingInsidePartHeadersIsABadRequest() {
        let body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"ima".utf8)
        let error = expectPublicError(.badRequest) { _ = try parseMultipart(body, boundary: boundary) }
        #expect(error?.message.contains("inside part headers") == true)
    }

    @Test func aBodyThatNeverContainsTheBoundaryIsABadRequest() {
        let body = multipartBody(boundary: "another-boundary", [.field("image", body: png)])
        expectPublicError(.badRequest) { _ = try parseMultipart(body, boundary: boundary) }
    }

    @Test func anEmptyBodyIsABadRequest() {
        expectPublicError(.badRequest) { _ = try parseMultipart([], boundary: boundary) }
    }

    @Test func junkAfterABoundaryIsABadRequest() {
        let body = Array("--\(boundary)junk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--\(boundary)--".utf8)
        expectPublicError(.badRequest) { _ = try parseMultipart(body, boundary: boundary) }
    }

    // Regression: the blank line ending an empty header block shares its CRLF with the boundary
    // line; missing it made the search run into the body or across the next delimiter.
    @Test func aPartWithoutHeadersDoesNotSwallowTheNextPart() {
        let body = Array("--b\r\n\r\nhello\r\n--b\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nX\r\n--b--".utf8)
        expectSplitOrRefused(body, names: [nil, "image"], bodies: ["hello", "X"])
    }

    @Test func aPartWithoutHeadersKeepsABlankLineInItsBody() {
        let body = Array("--b\r\n\r\nhello\r\n\r\nworld\r\n--b--".utf8)
        expectSplitOrRefused(body, names: [nil], bodies: ["hello\r\n\r\nworld"])
    }

    private func expectSplitOrRefused(_ body: [UInt8], names: [String?], bodies: [String],
                                      sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let parts = try parseMultipart(body, boundary: "b")
            #expect(parts.map(\.name) == names, sourceLocation: sourceLocation)
            #expect(parts.map { String(decoding: body[$0.body], as: UTF8.self) } == bodies, sourceLocation: sourceLocation)
        } catch let error as MultipartError {
            #expect(PublicError(error).status == .badRequest, sourceLocation: sourceLocation)
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
        }
    }

    // MARK: The boundary from the Content-Type

    @Test func theBoundaryIsReadFromTheContentType() throws {
        #expect(try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\(boundary)") == boundary)
        #expect(try MultipartParser.boundary(fromContentType: "Multipart/Form-Data;charset=utf-8;  BOUNDARY=abc") == "abc")
    }

    @Test func aQuotedBoundaryIsUnquotedAndParses() throws {
        let quoted = "gc0p4Jq0M2Yt08j34c0p: with spaces=and equals"
        #expect(try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\"\(quoted)\"") == quoted)
        let body = multipartBody(boundary: quoted, [.field("image", filename: "a.png", body: png)])
        let parts = try parseMultipart(body, boundary: quoted)
        #expect(Array(body[parts[0].body]) == png)
    }

    @Test func aBoundaryOfSeventyCharactersIsAccepted() throws {
        let longest = String(repeating: "b", count: 70)
        #expect(try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\(longest)") == longest)
    }

    @Test func aBoundaryLongerThanSeventyCharactersIsABadRequest() {
        expectPublicError(.badRequest) {
            _ = try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\(String(repeating: "b", count: 71))")
        }
    }

    @Test func aMultipartContentTypeWithoutABoundaryIsABadRequest() {
        expectPublicError(.badRequest) { _ = try MultipartParser.boundary(fromContentType: "multipart/form-data") }
        expectPublicError(.badRequest) { _ = try MultipartParser.boundary(fromContentType: "multipart/form-data; charset=utf-8") }
        expectPublicError(.badRequest) { _ = try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=") }
        expectPublicError(.badRequest) { _ = try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\"\"") }
    }

    @Test func aBoundaryWithControlCharactersOrATrailingSpaceIsABadRequest() {
        expectPublicError(.badRequest) { _ = try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\"ab \"") }
        expectPublicError(.badRequest) { _ = try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=a\u{1}b") }
        expectPublicError(.badRequest) { _ = try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=caf\u{E9}") }
    }

    // Regression: the media type was once compared by prefix.
    @Test func aMediaTypeThatOnlyStartsWithMultipartFormDataIsUnsupported() {
        expectPublicError(.unsupportedMediaType) {
            _ = try MultipartParser.boundary(fromContentType: "multipart/form-database; boundary=abc")
        }
    }

    @Test func aContentTypeThatIsNotMultipartFormDataIsUnsupported() {
        expectPublicError(.unsupportedMediaType) { _ = try MultipartParser.boundary(fromContentType: nil) }
        expectPublicError(.unsupportedMediaType) { _ = try MultipartParser.boundary(fromContentType: "image/png") }
        expectPublicError(.unsupportedMediaType) { _ = try MultipartParser.boundary(fromContentType: "application/x-www-form-urlencoded") }
        expectPublicError(.unsupportedMediaType) { _ = try MultipartParser.boundary(fromContentType: "multipart/mixed; boundary=abc") }
    }
}
