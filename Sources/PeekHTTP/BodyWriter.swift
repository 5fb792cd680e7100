import Foundation

/// Where a streamed response body goes, piece by piece.
public struct BodyWriter {
    private let output: (Data) -> Bool

    public init(output: @escaping (Data) -> Bool) {
        self.output = output
    }

    /// Throws when the client is gone: the rest need not be made.
    public func write(_ data: Data) throws(ResponseError) {
        guard output(data) else { throw .clientGone }
    }
}

/// Why a streamed body stopped before its end.
public enum ResponseError: Error {
    case clientGone
}
