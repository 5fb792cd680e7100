/// Faces found by the Haar cascade, in original-image pixels.
public struct FaceInsights: Codable, Equatable, Sendable {
    public var facesDetected: Int
    public var faceLocations: [FaceLocation]

    public init(faceLocations: [FaceLocation]) {
        self.facesDetected = faceLocations.count
        self.faceLocations = faceLocations
    }

    enum CodingKeys: String, CodingKey {
        case facesDetected = "faces_detected"
        case faceLocations = "face_locations"
    }
}
