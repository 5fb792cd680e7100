/// One step of the pipeline: reads the shared context and fills in its part of the report.
protocol Analyzer: Sendable {
    /// Names the step in timeout errors.
    var name: String { get }
    func analyze(_ context: AnalysisContext, into report: inout AnalysisReport) throws
}
