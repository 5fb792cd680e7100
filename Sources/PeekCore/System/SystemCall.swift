import Foundation

/// The one funnel for raw system calls: retried on `EINTR`, short writes completed, and a
/// failure turned into a `SystemError` that names the operation, the file and `errno`.
public enum SystemCall {
    /// Runs `call` again while it fails with `EINTR`; any other negative result throws.
    @discardableResult
    public static func retrying<Result: BinaryInteger>(
        _ operation: String, _ path: String, _ call: () -> Result
    ) throws(SystemError) -> Result {
        while true {
            let result = call()
            if result >= 0 { return result }
            if errno != EINTR { throw SystemError(operation: operation, path: path, code: errno) }
        }
    }

    /// Writes every byte of `bytes`, however many calls the kernel needs.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = try retrying("write", path) { write(descriptor, bytes.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else { throw SystemError(operation: "write", path: path, code: EIO) }
            offset += written
        }
    }

    public static func writeAll(_ descriptor: Int32, _ data: Data, path: String) throws(SystemError) {
        // withUnsafeBytes rethrows untyped errors, so the typed one is carried out as a value.
        let failure = data.withUnsafeBytes { bytes -> SystemError? in
            do throws(SystemError) { try writeAll(descriptor, bytes, path: path); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    /// Reads what is available into `buffer`: the byte count, 0 at end of file.
    public static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(SystemError) -> Int {
        try retrying("read", path) { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
    }
}
