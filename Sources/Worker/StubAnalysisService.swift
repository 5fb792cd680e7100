import Foundation
import PeekCore
import Vision

/// A stand-in for the analysis process, for benchmarks of the job path alone (claim, hand-off,
/// blobs, commit): answers every request at once with fixed insights, the original as its
/// annotated copy and no presets. Started by `peek-worker run --stub-analysis`, never by default.
public enum StubAnalysisService {
    static let insights = #"""
        {"blur_level":"low","brightness":128,"color_shares":[1],"contrast_score":0,"dominant_colors":["#808080"],
         "extracted_text":"","face_locations":[],"faces_detected":0,"format":"PNG","height":1,"quality_score":0,
         "scene_confidence":0.5,"scene_type":"indoor","sharpness_score":0,"text_found":false,"width":1,"word_count":0}
        """#

    public static func run() -> Never {
        let channel = LineChannel(input: 0, output: 1)
        let fixed = try? JSONDecoder().decode(Insights.self, from: Data(insights.utf8))
        while let line = channel.receiveBlocking() {
            var reply = AnalysisReply(insights: nil, renditions: nil, error: "internal error", detail: "unreadable request")
            if let request = try? JSONDecoder().decode(AnalysisRequest.self, from: line) {
                do {
                    try FileManager.default.copyItem(atPath: request.imagePath, toPath: request.annotatedPath)
                    reply = AnalysisReply(insights: fixed, renditions: [], error: nil, detail: nil)
                } catch {
                    reply = AnalysisReply(insights: nil, renditions: nil, error: "stub analysis failed", detail: "\(error)")
                }
            }
            guard channel.send(JSON.encode(reply)) else { exit(0) }
        }
        exit(0)
    }
}
