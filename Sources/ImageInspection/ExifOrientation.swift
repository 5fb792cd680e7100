/// EXIF's orientation tag (TIFF tag 0x0112 in IFD0): where the stored rows and columns belong
/// once the picture stands upright. Cases are named as TIFF names them: the side the first row
/// shows, then the side the first column shows.
public enum ExifOrientation: Int, CaseIterable, Sendable {
    case topLeft = 1, topRight, bottomRight, bottomLeft, leftTop, rightTop, rightBottom, leftBottom

    /// The orientation the TIFF structure of an EXIF segment declares; `.topLeft` (stored
    /// upright) when the tag is missing, out of range or the structure is damaged, as viewers do.
    public init(tiff: UnsafeRawBufferPointer) {
        self = Self.declared(in: tiff).flatMap(Self.init(rawValue:)) ?? .topLeft
    }

    private static func declared(in tiff: UnsafeRawBufferPointer) -> Int? {
        var reader = ByteReader(tiff)
        let bigEndian: Bool
        switch reader.ascii(2) {
        case "MM": bigEndian = true
        case "II": bigEndian = false
        default: return nil
        }
        guard reader.integer(2, bigEndian: bigEndian) == 42,
              let directory = reader.integer(4, bigEndian: bigEndian), reader.seek(to: directory),
              let entries = reader.integer(2, bigEndian: bigEndian) else { return nil }
        for _ in 0..<entries {
            // Each entry: tag, type, count (4 bytes), then the value itself when it fits in 4 bytes.
            guard let tag = reader.integer(2, bigEndian: bigEndian), let type = reader.integer(2, bigEndian: bigEndian),
                  reader.skip(4), let value = reader.integer(2, bigEndian: bigEndian), reader.skip(2) else { return nil }
            if tag == 0x0112 { return type == 3 ? value : nil }
        }
        return nil
    }
}
