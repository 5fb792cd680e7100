import CVision
import Dispatch
import Foundation

/// The upright image an analysis decoded, lent to work beside the analyzers that would otherwise
/// decode the same bytes again (the renditions): 8-bit BGR rows, to be read only until `release()`
/// (after which the analysis draws the face boxes on them) or until that work returns.
public final class DecodedImage: @unchecked Sendable {
    public let width: Int
    public let height: Int
    private let image: CVImage
    private let released = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var isReleased = false

    init(_ image: CVImage) {
        self.image = image
        width = image.width
        height = image.height
    }

    /// The rows, width × 3 bytes of B, G, R each, `rowBytes` apart (contiguous when equal).
    public func withBGR<T>(_ body: (_ pixels: UnsafeRawBufferPointer, _ rowBytes: Int) throws -> T) rethrows -> T {
        var data: UnsafePointer<UInt8>?
        var rowBytes = 0
        var channels: Int32 = 0
        cv_shim_image_pixels(image.handle, &data, &rowBytes, &channels)
        precondition(channels == 3, "decoded images are BGR")
        return try body(UnsafeRawBufferPointer(start: data, count: rowBytes * height), rowBytes)
    }

    /// The pixels will not be read again.
    public func release() {
        lock.lock()
        let first = !isReleased
        isReleased = true
        lock.unlock()
        if first { released.signal() }
    }

    func waitUntilReleased() {
        released.wait()
        released.signal()
    }
}
