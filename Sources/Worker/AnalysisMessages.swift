import Foundation
import Vision

/// What the worker asks its analysis process: one line of JSON per job.
struct AnalysisRequest: Codable {
    /// The stored original (inside the blob folder).
    let imagePath: String
    /// Where the analysis process writes the annotated JPEG (inside the data folder's tmp).
    let annotatedPath: String
    /// Where it writes each preset, NAME.webp (a folder of the data folder's tmp).
    let renditionDirectory: String
    let timeLimitSeconds: Double
}

/// A preset the analysis process wrote, and what its record needs.
struct RenditionFile: Codable, Equatable {
    let preset: String
    let path: String
    let contentType: String
    let width: Int
    let height: Int
}

/// The analysis process's answer: the insights, or a message for a refused image.
struct AnalysisReply: Codable {
    let insights: Insights?
    /// The presets made after the analysis; one that could not be made is left out (and logged).
    let renditions: [RenditionFile]?
    let error: String?
    let detail: String?
    /// Where the analysis process's time went, in milliseconds, for the worker's log.
    var stages: [String: Int]? = nil
}
