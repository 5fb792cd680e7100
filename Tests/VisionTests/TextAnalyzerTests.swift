import Testing
@testable import Vision

@Suite struct TextAnalyzerTests {
    @Test func readsARenderedLineOfText() throws {
        let text = try Fixtures.analyze(try Fixtures.python("text.png")).text
        #expect(text.extractedText == "PEEK READS THIS LINE")
        #expect(text.wordCount == 4)
        #expect(text.textFound)
    }

    @Test func findsNoTextInAFlatImage() throws {
        let text = try Fixtures.analyze(try Fixtures.flat(250, 250, 250, width: 300, height: 100)).text
        #expect(text == TextInsights(recognized: ""))
        #expect(!text.textFound && text.wordCount == 0)
    }

    @Test func textIsTrimmedAndWordsAreWhitespaceSeparated() {
        let text = TextInsights(recognized: "\n  two\twords \n\n")
        #expect(text.extractedText == "two\twords")
        #expect(text.wordCount == 2)
        #expect(text.textFound)
    }
}
