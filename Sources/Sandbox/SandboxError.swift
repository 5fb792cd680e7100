import Foundation
import PeekCore

/// Why a sandbox could not be started or prepared.
public enum SandboxError: Error, CustomStringConvertible, Sendable {
    case spawn(program: String, code: Int32)
    case system(SystemError)

    public var description: String {
        switch self {
        case .spawn(let program, let code): "cannot start \(program): \(String(cString: strerror(code)))"
        case .system(let error): "\(error)"
        }
    }
}
