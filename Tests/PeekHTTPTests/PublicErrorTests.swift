import Foundation
import ImageInspection
import PeekCore
import PeekStore
import Testing
@testable import PeekHTTP

@Suite struct PublicErrorTests {
    @Test func storeFailuresAre503WithoutTheirDetail() {
        let cases: [(StoreError, String)] = [
            (.databaseMissing(path: "/srv/peek/peek.sqlite"), "the database is missing"),
            (.databaseLocked, "the database is locked by another process; try again shortly"),
            (.databaseUnavailable(reason: "disk I/O error"), "the database is not available"),
            (.storage(SystemError(operation: "write", path: "/srv/peek/tmp/x", code: ENOSPC)), "the server is out of disk space"),
            (.storage(SystemError(operation: "mkdir", path: "/srv/peek/blobs/ab", code: EACCES)), "storage is not writable"),
            (.blobStoreUnavailable(reason: "PUT blobs/ab: curl error 7: /srv/peek refused"),
             "blob storage is not available; try again shortly"),
            (.blobStoreRefused(status: 403, code: "SignatureDoesNotMatch"), "blob storage refused the server's credentials"),
            (.blobStoreRefused(status: 403, code: "AccessDenied"), "blob storage refused the request"),
        ]
        for (error, message) in cases {
            let answer = PublicError(error)
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.message == message)
            #expect(!answer.message.contains("/srv/peek"))
            #expect(answer.detail?.isEmpty == false)
        }
    }

    @Test func headerErrorsAre415ForAnUnknownTypeAnd422ForADamagedOne() {
        #expect(PublicError(ImageHeaderError.unsupportedFormat).status == .unsupportedMediaType)
        #expect(PublicError(ImageHeaderError.damaged(.png)).status == .unprocessableEntity)
    }

    @Test func anUnexpectedErrorIsAnInternalErrorWhoseTextStaysInTheLog() {
        let answer = PublicError(SystemError(operation: "mmap", path: "/srv/peek/uploads/0001", code: ENOMEM))
        #expect(answer.status == .internalServerError)
        #expect(answer.message == "internal server error")
        #expect(answer.detail?.contains("mmap") == true)
    }

    @Test func theUploadLimitIsWordedAsNginxWordsIt() throws {
        let configuration = try PeekConfiguration(environment: ["PEEK_MAX_UPLOAD_BYTES": "1572864"])
        let answer = PublicError(RequestError.uploadTooLarge(limitBytes: configuration.maxUploadBytes))
        #expect(answer.status == .payloadTooLarge)
        #expect(answer.message == configuration.uploadTooLargeMessage)
        #expect(answer.message == "the upload is larger than the 1.5 MiB limit")
    }
}
