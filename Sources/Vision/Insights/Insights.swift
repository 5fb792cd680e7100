/// The insights of one image (colours, faces, text, quality, scene, size); its JSON is one flat
/// object with the original Peek's field names, ranges and thresholds.
public struct Insights: Codable, Equatable, Sendable {
    public var colors: ColorInsights
    public var faces: FaceInsights
    public var text: TextInsights
    public var quality: QualityInsights
    public var scene: SceneInsights
    public var image: ImageInfo
    /// Wall time of the job, from claim to outcome; the worker sets it, the analysis cannot know it.
    public var processingMs: Int?

    public init(colors: ColorInsights, faces: FaceInsights, text: TextInsights, quality: QualityInsights,
                scene: SceneInsights, image: ImageInfo) {
        self.colors = colors
        self.faces = faces
        self.text = text
        self.quality = quality
        self.scene = scene
        self.image = image
    }

    // Each part reads and writes its own keys of the same flat object.
    public init(from decoder: any Decoder) throws {
        colors = try ColorInsights(from: decoder)
        faces = try FaceInsights(from: decoder)
        text = try TextInsights(from: decoder)
        quality = try QualityInsights(from: decoder)
        scene = try SceneInsights(from: decoder)
        image = try ImageInfo(from: decoder)
        processingMs = try decoder.container(keyedBy: JobKeys.self).decodeIfPresent(Int.self, forKey: .processingMs)
    }

    public func encode(to encoder: any Encoder) throws {
        try colors.encode(to: encoder)
        try faces.encode(to: encoder)
        try text.encode(to: encoder)
        try quality.encode(to: encoder)
        try scene.encode(to: encoder)
        try image.encode(to: encoder)
        var job = encoder.container(keyedBy: JobKeys.self)
        try job.encodeIfPresent(processingMs, forKey: .processingMs)
    }

    private enum JobKeys: String, CodingKey {
        case processingMs = "processing_ms"
    }
}
