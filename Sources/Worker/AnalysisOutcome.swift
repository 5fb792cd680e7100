import Vision

/// How one analysis ended, from the worker's side of the process boundary.
enum AnalysisOutcome: Equatable {
    /// Insights produced; the annotated JPEG is at the request's path, the presets made are listed.
    case completed(Insights, renditions: [RenditionFile], stages: [String: Int])
    /// The image itself was refused (undecodable, too large…): retrying cannot help.
    case refused(message: String, detail: String?)
    case timedOut(seconds: Double)
    case outOfMemory(limitMB: Int)
    /// The analysis process died; the job may be retried until it runs out of attempts.
    case crashed(reason: String)
    /// The worker is stopping and could not wait for the job to end.
    case interrupted
}
