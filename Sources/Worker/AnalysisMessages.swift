import Foundation
import Vision

/// What the worker asks its analysis process: one line of JSON per job.
struct AnalysisRequest: Codable {
    /// The stored original (inside the blob folder).
    let imagePath: String
    /// Where the analysis process writes the annotated JPEG (inside the data folder's tmp).
    let annotatedPath: String
    let timeLimitSeconds: Double
}

/// The analysis process's answer: the insights, or a message for a refused image.
struct AnalysisReply: Codable {
    let insights: Insights?
    let error: String?
    let detail: String?
}
