import Foundation

/// A read-only memory mapping of a whole file, unmapped when released; lets a 16 MiB upload be
/// parsed and hashed without copying it into the heap.
public final class MappedFile {
    private let bytes: UnsafeRawBufferPointer

    public init(path: String) throws(SystemError) {
        let descriptor = try SystemCall.retrying("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SystemError(operation: "stat", path: path) }
        let size = Int(status.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else { throw SystemError(operation: "mmap", path: path) }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// The mapped bytes, valid only inside `body`: the mapping is released with this object.
    public func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withExtendedLifetime(self) { try body(bytes) }
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
