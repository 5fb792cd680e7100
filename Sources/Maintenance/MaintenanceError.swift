import Foundation

/// Why a maintenance command refused or failed, in words meant for the admin running it.
public struct MaintenanceError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    init(_ message: String) {
        self.message = message
    }

    /// A failed system call on `path`, with the errno text.
    static func system(_ operation: String, _ path: String, errno code: Int32 = errno) -> MaintenanceError {
        MaintenanceError("\(operation) \(path): \(String(cString: strerror(code)))")
    }
}
