import CVision

extension VisionError {
    /// The one funnel for shim calls: a non-zero status becomes a typed error. `scanLimit` is
    /// the scan limit the call passed (a decode), named when the decoder stopped there.
    static func check(scanLimit: Int = 0, _ call: (UnsafeMutablePointer<cv_shim_error>) -> Int32) throws {
        var error = cv_shim_error()
        let status = call(&error)
        guard status != CV_SHIM_OK.rawValue else { return }
        let message = withUnsafeBytes(of: error.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        switch cv_shim_status(UInt32(bitPattern: status)) {
        case CV_SHIM_DECODE_FAILED: throw VisionError.undecodable(detail: message)
        case CV_SHIM_TOO_MANY_SCANS: throw VisionError.tooManyScans(count: nil, limit: scanLimit)
        default: throw VisionError.internalFailure(detail: "OpenCV shim status \(status): \(message)")
        }
    }
}
