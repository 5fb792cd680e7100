import Foundation

/// The result of analysing one image: its insights and a JPEG of it with the faces boxed.
public struct Analysis: Sendable {
    public let insights: Insights
    /// The upright image with a 2-px green rectangle on each face; a plain re-encoding when there are none.
    public let annotatedJPEG: Data
}
