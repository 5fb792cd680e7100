import Foundation
import PeekCore

/// Newline-delimited messages over a pipe's file descriptors, with a poll-based read that lets the
/// caller keep watching the other side while it waits.
final class LineChannel {
    let input: Int32
    let output: Int32
    private var buffer = [UInt8]()

    init(input: Int32, output: Int32) {
        self.input = input
        self.output = output
    }

    /// Writes one line; false when the other side has gone.
    func send(_ line: Data) -> Bool {
        var bytes = line
        bytes.append(UInt8(ascii: "\n"))
        return (try? SystemCall.writeAll(output, bytes, path: "the analysis pipe")) != nil
    }

    enum Reading {
        case line(Data)
        case pending
        case closed
    }

    /// Returns a complete line if one arrives within `timeout`, `.pending` if not, `.closed` at end of stream.
    func receive(timeout: Double) -> Reading {
        if let line = takeLine() { return .line(line) }
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, timeout * 1000)))
        guard ready > 0 else { return .pending }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = read(input, &chunk, chunk.count)
        if count < 0 && (errno == EINTR || errno == EAGAIN) { return .pending }
        guard count > 0 else { return .closed }
        buffer.append(contentsOf: chunk[0..<count])
        return takeLine().map(Reading.line) ?? .pending
    }

    /// Blocks until a whole line arrives; nil at end of stream.
    func receiveBlocking() -> Data? {
        while true {
            switch receive(timeout: 3600) {
            case .line(let line): return line
            case .closed: return nil
            case .pending: continue
            }
        }
    }

    private func takeLine() -> Data? {
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = Data(buffer[..<newline])
        buffer.removeSubrange(...newline)
        return line
    }
}
