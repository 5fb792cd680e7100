/// Text read by Tesseract.
public struct TextInsights: Codable, Equatable, Sendable {
    public var textFound: Bool
    /// Trimmed of surrounding whitespace.
    public var extractedText: String
    /// Whitespace-separated words.
    public var wordCount: Int

    public init(recognized: String) {
        extractedText = recognized.trimmingCharacters(in: .whitespacesAndNewlines)
        wordCount = extractedText.split(whereSeparator: \.isWhitespace).count
        textFound = wordCount > 0
    }

    enum CodingKeys: String, CodingKey {
        case textFound = "text_found"
        case extractedText = "extracted_text"
        case wordCount = "word_count"
    }
}
