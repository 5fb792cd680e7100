import Testing
@testable import Imaging

@Suite struct CanonicalisationTests {
    @Test(arguments: [
        ("RESIZE:Fit:300:200", "resize:fit:300:200"),
        ("resize:fit:0300:+200", "resize:fit:300:200"),
        ("format:jpg", "format:jpeg"),
        ("format:JPEG", "format:jpeg"),
        ("blur:2.0", "blur:2"),
        ("blur:2.001", "blur:2"),
        ("blur:.5", "blur:0.5"),
        ("blur:0.50", "blur:0.5"),
        ("sharpen:1.25", "sharpen:1.25"),
        ("sharpen:01.05", "sharpen:1.05"),
        ("format:png/format:webp", "format:webp"),
        ("quality:50/grayscale/quality:80", "grayscale/quality:80"),
        ("quality:80/format:webp", "format:webp/quality:80"),
        ("format:png/quality:80", "format:png"),
        ("quality:80/format:png/format:jpeg", "format:jpeg/quality:80"),
        ("gravity:face/resize:fill:300:300", "resize:fill:300:300:face"),
        ("gravity:center/resize:fill:300:300", "resize:fill:300:300"),
        ("resize:fill:300:300:centre", "resize:fill:300:300"),
        ("gravity:smart/crop:10:10", "crop:10:10:smart"),
        ("crop:10:10:center", "crop:10:10"),
        ("gravity:smart", ""),
        ("gravity:face/resize:fit:10:10", "resize:fit:10:10"),
        ("brightness:0/contrast:+0", ""),
        ("brightness:+5", "brightness:5"),
        ("contrast:-007", "contrast:-7"),
        ("greyscale", "grayscale"),
        ("grayscale/", "grayscale"),
        ("/grayscale//annotate", "grayscale/annotate"),
        ("flip:H", "flip:h"),
        ("Gravity:Face/resize:fill:300:300/format:JPG/quality:80/blur:1.50",
         "resize:fill:300:300:face/blur:1.5/format:jpeg/quality:80"),
    ])
    func equivalentSpellingsShareOneCanonicalString(written: String, canonical: String) throws {
        #expect(try TransformSteps(parsing: written).canonical == canonical)
    }

    @Test(arguments: [
        "resize:fit:300:200", "resize:fill:300:200:face", "resize:fill:1:1", "resize:force:4096:2",
        "crop:10:10:smart", "crop:0:0:10:10", "rotate:270", "flip:v", "grayscale", "blur:0.1", "blur:20",
        "sharpen:10", "brightness:-100", "contrast:100", "annotate", "format:png", "quality:1",
        "resize:fill:300:300:face/annotate/grayscale/blur:1.5/format:webp/quality:90",
    ])
    func theCanonicalStringParsesToItself(options: String) throws {
        let canonical = try TransformSteps(parsing: options).canonical
        #expect(try TransformSteps(parsing: canonical).canonical == canonical)
        #expect(try TransformSteps(parsing: canonical) == TransformSteps(parsing: options))
    }

    @Test func builtStepsCanonicaliseLikeParsedOnes() throws {
        let built = TransformSteps(steps: [.brightness(0), .grayscale], format: .png, quality: 40)
        #expect(built == (try TransformSteps(parsing: "grayscale/format:png")))
    }

    @Test(arguments: [(2.0, "2"), (1.5, "1.5"), (0.05, "0.05"), (10.25, "10.25"), (0.1, "0.1"), (-1.5, "-1.5")])
    func decimalsAreWrittenShortest(value: Double, text: String) {
        #expect(TransformStep.format(value) == text)
    }
}
