import Foundation
import Imaging
import PeekStore

/// The face boxes a completed analysis found, read from its stored insights document.
public enum FaceBoxes {
    public static func of(_ image: ImageRecord) -> [FaceBox]? {
        guard image.status == .completed, let insights = image.insights,
              let document = try? JSONDecoder().decode(Document.self, from: Data(insights.utf8)) else { return nil }
        return document.faceLocations.map { FaceBox(x: $0.x, y: $0.y, width: $0.width, height: $0.height) }
    }

    private struct Document: Decodable {
        let faceLocations: [Box]
        enum CodingKeys: String, CodingKey { case faceLocations = "face_locations" }
    }

    private struct Box: Decodable {
        let x, y, width, height: Int
    }
}
