/// A face's bounding box in pixels of the upright source image (EXIF orientation applied), as
/// the analysis reports it; the engine maps it through every step.
public struct FaceBox: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
