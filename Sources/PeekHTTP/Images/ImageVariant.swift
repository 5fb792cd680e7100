import ImageInspection
import PeekStore

/// What `/api/image/ID/NAME` (and a share's `/images/ID/NAME`) sends: the original, the
/// annotated copy or a preset, as a blob nginx serves.
public enum ImageVariant: Sendable, Equatable {
    case original
    case annotated
    case preset(Preset)

    public static let names = ["original", "annotated"] + Preset.allCases.map(\.rawValue)

    public init?(name: Substring) {
        switch name {
        case "original": self = .original
        case "annotated": self = .annotated
        default:
            guard let preset = Preset(rawValue: String(name)) else { return nil }
            self = .preset(preset)
        }
    }

    /// The blob response; album photos are marked private, so that no shared cache keeps them
    /// and every view asks again (a revoked share then stops them).
    public func response(of image: ImageRecord, renditions: any RenditionCatalog, blobs: any BlobStore) throws -> Response {
        let privacy: Response.BlobPrivacy = image.albumID == nil ? .public : .private
        switch self {
        case .original:
            return try .blob(image.blobSHA256, in: blobs, contentType: image.contentType,
                         filename: "\(image.id).\(ImageFormat(rawValue: image.format)?.fileExtension ?? "bin")", privacy: privacy)
        case .annotated:
            guard let annotated = image.annotatedSHA256 else { throw Self.notReady("annotated image", of: image) }
            return try .blob(annotated, in: blobs, contentType: "image/jpeg",
                         filename: "\(image.id)-annotated.jpg", privacy: privacy)
        case .preset(let preset):
            guard let rendition = try renditions.rendition(source: image.blobSHA256, recipe: preset.recipe) else {
                throw Self.notReady(preset == .web ? "web-sized copy" : "thumbnail", of: image)
            }
            return try .blob(rendition.blobSHA256, in: blobs, contentType: rendition.contentType,
                         filename: "\(image.id)-\(preset.rawValue).webp", privacy: privacy)
        }
    }

    private static func notReady(_ variant: String, of image: ImageRecord) -> RequestError {
        image.status == .processing ? .variantNotReady(variant: variant, id: image.id)
            : .variantMissing(variant: variant, failed: image.status == .failed)
    }
}
