/// The version of the analysis pipeline whose results the store records with each completed
/// analysis: an upload whose bytes already have a completed analysis of this version is completed
/// from it at once (`JobQueue.enqueue`), so this must change whenever the insights of some image
/// could change (an analyzer, the working resolution or sampling, the cascade or OCR model, a
/// library upgrade that moves results). Analyses recorded before versions were (none) are never reused.
public enum PipelineVersion {
    public static let current = "vision-2"
}
