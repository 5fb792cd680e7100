import Foundation

/// Draws the face boxes onto the image and encodes it as JPEG.
enum FaceAnnotator {
    static let quality = 90

    /// The other analyzers may still be reading `image`: the boxes are drawn on a copy (none is
    /// needed when there is no face).
    static func annotatedJPEG(of image: CVImage, faces: [FaceLocation]) throws -> Data {
        guard !faces.isEmpty else { return try image.encoded(as: "jpg", quality: quality) }
        let canvas = try image.copy()
        for face in faces {
            try canvas.drawRectangle(face, red: 0, green: 255, blue: 0, thickness: 2)
        }
        return try canvas.encoded(as: "jpg", quality: quality)
    }
}
