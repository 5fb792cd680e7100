/// The HSV scene guess and its confidence (2 decimals).
public struct SceneInsights: Codable, Equatable, Sendable {
    public var sceneType: SceneType
    public var sceneConfidence: Double

    public init(sceneType: SceneType, sceneConfidence: Double) {
        self.sceneType = sceneType
        self.sceneConfidence = sceneConfidence
    }

    enum CodingKeys: String, CodingKey {
        case sceneType = "scene_type"
        case sceneConfidence = "scene_confidence"
    }
}

/// The three scenes the original Peek tells apart.
public enum SceneType: String, Codable, Sendable {
    case outdoor, nature, indoor
}
