import ImageInspection
import PeekCore
import PeekStore

extension ImageRecord {
    /// A 1×1 PNG upload, as fn-analyze would insert it.
    public static func fixture(id: String = ImageID.generate(), createdAt: Double = 1_000_000,
                        blobSHA256: String = String(repeating: "ab", count: 32)) -> ImageRecord {
        ImageRecord(id: id, blobSHA256: blobSHA256, header: ImageHeader(format: .png, width: 1, height: 1),
                    byteSize: 67, originalFilename: "pixel.png", createdAt: createdAt)
    }
}

