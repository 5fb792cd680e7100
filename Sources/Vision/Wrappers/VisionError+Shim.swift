import CVision

extension VisionError {
    /// The one funnel for shim calls: a non-zero status becomes a typed error.
    static func check(_ call: (UnsafeMutablePointer<cv_shim_error>) -> Int32) throws {
        var error = cv_shim_error()
        let status = call(&error)
        guard status != CV_SHIM_OK.rawValue else { return }
        let message = withUnsafeBytes(of: error.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        throw status == CV_SHIM_DECODE_FAILED.rawValue
            ? VisionError.undecodable(detail: message)
            : VisionError.internalFailure(detail: "OpenCV shim status \(status): \(message)")
    }
}
