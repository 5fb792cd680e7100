import Foundation
import PeekCore
import PeekStore

/// A photo of an album with its links and, once analysed, its insights. The links start at
/// `root`: `/api/image/ID` for the owner, the share's own path for whoever holds the link.
public struct PhotoView: Encodable {
    let imageID: String
    @EncodedAsNull var filename: String?
    let status: String
    @EncodedAsNull var error: String?
    let width: Int
    let height: Int
    let createdAt: String
    let urls: [String: String]

    enum CodingKeys: String, CodingKey {
        case filename, status, error, width, height, urls
        case imageID = "image_id"
        case createdAt = "created_at"
    }

    public init(_ image: ImageRecord, presets: [Preset], root: String, withResults: Bool) {
        imageID = image.id
        filename = image.originalFilename
        status = image.status.rawValue
        error = image.error
        width = image.width
        height = image.height
        createdAt = Timestamp.string(image.createdAt)
        var urls = ["original": "\(root)/original"]
        if withResults { urls["results"] = "/api/results/\(image.id)" }
        if image.annotatedSHA256 != nil { urls["annotated"] = "\(root)/annotated" }
        if image.status == .completed {
            for preset in presets { urls[preset.rawValue] = "\(root)/\(preset.rawValue)" }
        }
        self.urls = urls
    }

    /// The photos as a JSON array, each with its `insights` (null until analysed) spliced in as
    /// the worker serialised them.
    public static func array(_ photos: [(image: ImageRecord, presets: [Preset])], root: (String) -> String,
                             withResults: Bool) -> Data {
        JSON.array(photos.map { image, presets in
            let view = JSON.encode(PhotoView(image, presets: presets, root: root(image.id), withResults: withResults))
            return JSON.inserting(image.status == .completed ? image.insights ?? "null" : "null", as: "insights", into: view)
        })
    }
}
