/// The insight parts found so far; each lane fills its own parts and the lanes' reports are merged.
struct AnalysisReport {
    var colors: ColorInsights?
    var faces: FaceInsights?
    var text: TextInsights?
    var quality: QualityInsights?
    var scene: SceneInsights?

    mutating func merge(_ other: AnalysisReport) {
        colors = colors ?? other.colors
        faces = faces ?? other.faces
        text = text ?? other.text
        quality = quality ?? other.quality
        scene = scene ?? other.scene
    }

    func insights(image: ImageInfo) throws -> Insights {
        guard let colors, let faces, let text, let quality, let scene else {
            throw VisionError.internalFailure(detail: "the pipeline left an insight group empty")
        }
        return Insights(colors: colors, faces: faces, text: text, quality: quality, scene: scene, image: image)
    }
}
