/// Text by Tesseract on the working-resolution image, bounded by the time left before the deadline.
struct TextAnalyzer: Analyzer {
    let name = "text"
    let recognizer: TextRecognizer

    func analyze(_ context: AnalysisContext, into report: inout AnalysisReport) throws {
        let image = try context.working()
        let rgb = image === context.image ? try context.rgb() : try image.rgbPixels()
        let text = try recognizer.recognize(rgb: rgb, width: image.width, height: image.height,
                                            timeLimit: context.remaining)
        report.text = TextInsights(recognized: text)
    }
}
