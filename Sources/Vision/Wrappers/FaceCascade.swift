import CVision
import Foundation

/// A Haar cascade loaded once; detection is serialised because OpenCV's classifier is not re-entrant.
/// The shim scans with its own vectorised copy of OpenCV's detector, which finds the same windows.
final class FaceCascade: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()

    init(path: String) throws {
        var out: OpaquePointer?
        do {
            try VisionError.check { cv_shim_cascade_load(path, &out, $0) }
        } catch let error as VisionError {
            throw VisionError.configuration(detail: "Haar cascade \(path): \(error.detail)")
        }
        guard let out else { throw VisionError.configuration(detail: "Haar cascade \(path) did not load") }
        handle = out
    }

    deinit {
        cv_shim_cascade_release(handle)
    }

    /// Boxes found on a grey image, ordered by x, y, width, height; with `minNeighbors` 0, every
    /// window the cascade accepted (no grouping).
    func detect(in grey: CVImage, scaleFactor: Double, minNeighbors: Int, minSize: Int) throws -> [FaceLocation] {
        try detect(in: grey, scaleFactor: scaleFactor, minNeighbors: minNeighbors, minSize: minSize,
                   with: cv_shim_cascade_detect)
    }

    /// The same through OpenCV's own CascadeClassifier, the reference `detect` must equal.
    func detectWithOpenCV(in grey: CVImage, scaleFactor: Double, minNeighbors: Int, minSize: Int) throws -> [FaceLocation] {
        try detect(in: grey, scaleFactor: scaleFactor, minNeighbors: minNeighbors, minSize: minSize,
                   with: cv_shim_cascade_detect_reference)
    }

    private typealias Detection = (OpaquePointer?, OpaquePointer?, Double, Int32, Int32, Int32,
                                   UnsafeMutablePointer<cv_shim_rect>?, Int32, UnsafeMutablePointer<Int32>?,
                                   UnsafeMutablePointer<cv_shim_error>?) -> Int32

    private func detect(in grey: CVImage, scaleFactor: Double, minNeighbors: Int, minSize: Int,
                        with detection: Detection) throws -> [FaceLocation] {
        lock.lock()
        defer { lock.unlock() }
        var capacity = 64
        while true {
            var rects = [cv_shim_rect](repeating: cv_shim_rect(), count: capacity)
            var count: Int32 = 0
            try VisionError.check {
                detection(handle, grey.handle, scaleFactor, Int32(minNeighbors), Int32(minSize),
                          Int32(minSize), &rects, Int32(capacity), &count, $0)
            }
            guard Int(count) > capacity else {
                return rects.prefix(Int(count)).map {
                    FaceLocation(x: Int($0.x), y: Int($0.y), width: Int($0.width), height: Int($0.height))
                }
            }
            capacity = Int(count)
        }
    }
}
