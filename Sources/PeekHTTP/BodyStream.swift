/// Reads a request body in chunks, whatever transport carries it.
public struct BodyStream {
    private let readChunk: (UnsafeMutableRawBufferPointer) -> Int

    /// `read` fills the buffer and returns the byte count, 0 at end of body, negative on error.
    public init(read: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.readChunk = read
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int { readChunk(buffer) }
}
