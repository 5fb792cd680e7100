/// Whether JPEG data is whole. libjpeg pads a truncated JPEG with grey and only warns, and
/// libvips 8.14 fails only when told to fail on every warning, which many sound camera files
/// give; so the end marker is looked for here, as the upload check does (Vision's ImageDecoder).
enum JPEGEnd {
    /// Scanning back from the end: true when an end-of-image marker comes after the last
    /// start-of-scan marker, false when a start of scan comes first, nil when `bytes` hold
    /// neither. Entropy-coded data never holds FF D9 or FF DA.
    static func isPresent(in bytes: [UInt8]) -> Bool? {
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == 0xFF {
                if bytes[index + 1] == 0xD9 { return true }
                if bytes[index + 1] == 0xDA { return false }
            }
            index -= 1
        }
        return nil
    }
}
