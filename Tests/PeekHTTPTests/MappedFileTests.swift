import Foundation
import ImageInspection
import Testing
@testable import PeekHTTP
import PeekCore
import PeekStore
import PeekTestSupport

@Suite struct MappedFileTests {
    @Test func theMappingHoldsTheFilesBytes() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("body").path
            let bytes = Data(multipartBody(boundary: "b", [.field("image", filename: "a.png", body: ImageBytes.png(width: 4, height: 4))]))
            try bytes.write(to: URL(fileURLWithPath: path))
            let mapped = try MappedFile(path: path).withBytes { Data($0) }
            #expect(mapped == bytes)
        }
    }

    @Test func anEmptyFileMapsToNoBytesAndParsesAsAMalformedBody() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("empty").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let file = try MappedFile(path: path)
            #expect(file.withBytes { $0.count } == 0)
            expectPublicError(.badRequest) { _ = try file.withBytes { try MultipartParser(boundary: "b").parse($0) } }
            expectPublicError(.unsupportedMediaType) { _ = try file.withBytes { try ImageHeader.checkedUpload($0, maxPixels: .max) } }
        }
    }

    @Test func aMissingFileIsAnInternalError() throws {
        try withTemporaryDirectory { directory in
            expectPublicError(.internalServerError) { _ = try MappedFile(path: directory.appendingPathComponent("missing").path) }
        }
    }
}
