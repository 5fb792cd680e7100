import CTesseract
import Foundation

/// One Tesseract engine whose model is loaded once and reused; use is serialised because the engine keeps per-page state.
final class TextRecognizer: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()

    init(dataPath: String?, language: String) throws {
        guard let handle = TessBaseAPICreate() else {
            throw VisionError.internalFailure(detail: "Tesseract could not be created")
        }
        guard TessBaseAPIInit3(handle, dataPath, language) == 0 else {
            TessBaseAPIDelete(handle)
            throw VisionError.configuration(detail: "Tesseract has no '\(language)' data in \(dataPath ?? "its default path")")
        }
        // Tesseract's CLI (what pytesseract runs) segments pages automatically; the API default is one block.
        TessBaseAPISetPageSegMode(handle, PSM_AUTO)
        // Its diagnostics ("Empty page!!", "Estimating resolution...") would flood the worker's log.
        TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        self.handle = handle
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// The text of tightly packed RGB pixels, untrimmed; gives up when `timeLimit` runs out.
    func recognize(rgb: [UInt8], width: Int, height: Int, timeLimit: Duration) throws -> String {
        lock.lock()
        defer {
            TessBaseAPIClear(handle)
            lock.unlock()
        }
        let monitor = TessMonitorCreate()
        defer { TessMonitorDelete(monitor) }
        let (seconds, attoseconds) = timeLimit.components
        // Tesseract ignores a limit of 0 ms, so a nearly spent one becomes 1 ms.
        TessMonitorSetDeadlineMSecs(monitor, max(1, Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)))
        let started = ContinuousClock.now

        // OpenMP settings belong to the calling thread, and lanes run on whichever thread is free.
        omp_set_max_active_levels(0)
        TessBaseAPISetImage(handle, rgb, Int32(width), Int32(height), 3, Int32(width * 3))
        // Without a resolution Tesseract assumes 70 dpi anyway, after printing a warning.
        TessBaseAPISetSourceResolution(handle, 70)
        let status = TessBaseAPIRecognize(handle, monitor)
        if ContinuousClock.now - started >= timeLimit {
            throw VisionError.timedOut(stage: "text recognition")
        }
        // Tesseract also fails on pages it cannot lay out (a 1x1 image, say): they hold no text.
        guard status == 0, let text = TessBaseAPIGetUTF8Text(handle) else { return "" }
        defer { TessDeleteText(text) }
        return String(cString: text)
    }
}
