import Foundation
import Shared

/// The request body, memory-mapped: the file nginx already wrote when it passes one (the normal
/// path), otherwise standard input spooled to a temporary file first (CGI use from a shell).
final class UploadBody {
    private let file: MappedFile
    private let spooledPath: String?

    /// The body's bytes, valid only inside `body`.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withExtendedLifetime(self) { try file.withBytes(body) }
    }

    init(request: Request, configuration: PeekConfiguration) throws {
        if let path = request.bodyFile {
            try Self.checkInside(configuration.uploadDirectory, path: path)
            file = try MappedFile(path: path)
            spooledPath = nil
        } else {
            let path = try Self.spool(request.bodyStream, configuration: configuration)
            spooledPath = path
            file = try MappedFile(path: path)
        }
    }

    deinit {
        if let spooledPath { unlink(spooledPath) }
    }

    /// Only nginx sets the body file path, but a path outside the upload folder is refused anyway:
    /// nothing outside the data directory is read because of a request.
    private static func checkInside(_ directory: URL, path: String) throws {
        let folder = directory.resolvingSymlinksInPath().path
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard file.hasPrefix(folder + "/") else {
            throw PeekError.internal(detail: "request body file \(path) is outside \(folder)")
        }
    }

    private static func spool(_ stream: BodyStream, configuration: PeekConfiguration) throws -> String {
        let path = configuration.temporaryDirectory.appendingPathComponent("body-\(UUID().uuidString)").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PeekError.unavailable("storage is not writable", detail: "create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = stream.read(into: buffer)
            if count == 0 { return path }
            guard count > 0 else {
                unlink(path)
                throw PeekError.badRequest("the upload was interrupted")
            }
            total += count
            guard total <= configuration.maxRequestBodyBytes else {
                unlink(path)
                throw PeekError.tooLarge(configuration.uploadTooLargeMessage)
            }
            guard write(descriptor, buffer.baseAddress, count) == count else {
                unlink(path)
                throw PeekError.unavailable("storage is not writable", detail: "write \(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}
