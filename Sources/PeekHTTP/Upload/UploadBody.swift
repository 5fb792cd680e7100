import Foundation
import PeekCore
import PeekStore

/// The request body, memory-mapped: the file nginx already wrote when it passes one (the normal
/// path), otherwise the body stream spooled to a temporary file first (the VPS socket handoff,
/// or CGI use from a shell).
public final class UploadBody {
    private let file: MappedFile
    private let spooledPath: String?

    /// The body's bytes, valid only inside `body`.
    public func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withExtendedLifetime(self) { try file.withBytes(body) }
    }

    public init(request: Request, configuration: PeekConfiguration) throws {
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
    private static func checkInside(_ directory: URL, path: String) throws(RequestError) {
        let folder = directory.resolvingSymlinksInPath().path
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard file.utf8.starts(with: (folder + "/").utf8) else { throw .bodyFileOutsideUploads(path: path, folder: folder) }
    }

    private static func spool(_ stream: BodyStream, configuration: PeekConfiguration) throws -> String {
        let path = DataDirectory(configuration: configuration).temporary.appendingPathComponent("body-\(UUID().uuidString)").path
        let descriptor = try SystemCall.retrying("create", path) { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
        defer { close(descriptor) }
        do {
            try copy(stream, to: descriptor, path: path, configuration: configuration)
        } catch {
            unlink(path)
            throw error
        }
        return path
    }

    private static func copy(_ stream: BodyStream, to descriptor: Int32, path: String,
                             configuration: PeekConfiguration) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = stream.read(into: buffer)
            if count == 0 { return }
            guard count > 0 else { throw RequestError.uploadInterrupted }
            total += count
            guard total <= configuration.maxRequestBodyBytes else {
                throw RequestError.uploadTooLarge(limitBytes: configuration.maxUploadBytes)
            }
            try SystemCall.writeAll(descriptor, UnsafeRawBufferPointer(rebasing: buffer[..<count]), path: path)
        }
    }
}
