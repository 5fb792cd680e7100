import ImageInspection
import Testing
@testable import Imaging

@Suite struct PlanTests {
    func plan(_ options: String, _ width: Int, _ height: Int, format: ImageFormat = .jpeg,
              orientation: ExifOrientation = .topLeft, limits: TransformLimits = TransformLimits()) throws -> TransformPlan {
        try TransformPlan(steps: TransformSteps(parsing: options, limits: limits),
                          source: SourceInfo(header: ImageHeader(format: format, width: width, height: height),
                                             orientation: orientation),
                          limits: limits)
    }

    @Test(arguments: [
        ("resize:fit:800:800", 4000, 3000, PixelSize(width: 800, height: 600)),
        ("resize:fit:800:800", 3000, 4000, PixelSize(width: 600, height: 800)),
        ("resize:fit:400:400", 100, 50, PixelSize(width: 400, height: 200)),
        ("resize:fit:10:10", 1000, 1, PixelSize(width: 10, height: 1)),
        ("resize:fill:300:200", 4000, 3000, PixelSize(width: 300, height: 200)),
        ("resize:fill:300:200", 10, 10, PixelSize(width: 300, height: 200)),
        ("resize:force:300:200", 4000, 4000, PixelSize(width: 300, height: 200)),
        ("crop:500:100", 300, 200, PixelSize(width: 300, height: 100)),
        ("crop:250:150:40:100", 300, 200, PixelSize(width: 40, height: 50)),
        ("rotate:90", 300, 200, PixelSize(width: 200, height: 300)),
        ("rotate:180", 300, 200, PixelSize(width: 300, height: 200)),
        ("flip:v/grayscale/blur:2/annotate", 300, 200, PixelSize(width: 300, height: 200)),
        ("", 300, 200, PixelSize(width: 300, height: 200)),
    ])
    func theOutputSizeIsKnownFromTheHeader(options: String, width: Int, height: Int, output: PixelSize) throws {
        #expect(try plan(options, width, height).output == output)
    }

    @Test func sizesAreRecordedAfterEachStep() throws {
        #expect(try plan("resize:fit:400:400/rotate:90/crop:100:100", 800, 600).sizes == [
            PixelSize(width: 400, height: 300), PixelSize(width: 300, height: 400), PixelSize(width: 100, height: 100),
        ])
    }

    @Test func orientationIsAppliedBeforeTheFirstStep() throws {
        let upright = try plan("resize:fit:800:800", 4000, 3000, orientation: .rightTop)
        #expect(upright.source.upright == PixelSize(width: 3000, height: 4000))
        #expect(upright.output == PixelSize(width: 600, height: 800))
    }

    @Test func aRegionStartingOutsideTheImageIsABadStep() {
        #expect(throws: TransformError.badStep(step: "crop:300:0:10:10", reason: "the region starts outside the 300×200 px image")) {
            try plan("crop:300:0:10:10", 300, 200)
        }
    }

    @Test func anOutputOverTheLimitsIsRefusedNamingTheStep() {
        let refused = TransformError.outputTooLarge(step: "resize:force:4096:4000", size: PixelSize(width: 4096, height: 4000),
                                                    limits: TransformLimits())
        #expect(throws: refused) { try plan("resize:force:4096:4000", 100, 100) }
        #expect(refused.description == "resize:force:4096:4000: the result would be 4096×4000 px; at most 4096 px a side and 16 MP")
    }

    @Test func anIntermediateOverTheLimitsIsRefusedToo() {
        #expect(throws: TransformError.outputTooLarge(step: "rotate:90", size: PixelSize(width: 5000, height: 100), limits: TransformLimits())) {
            try plan("rotate:90/crop:100:100", 100, 5000)
        }
    }

    @Test func aSourceOverTheOutputLimitsIsRefusedUnlessAStepShrinksIt() throws {
        let refused = TransformError.outputTooLarge(step: nil, size: PixelSize(width: 5000, height: 3000), limits: TransformLimits())
        #expect(throws: refused) { try plan("", 5000, 3000) }
        #expect(throws: refused) { try plan("grayscale", 5000, 3000) }
        #expect(refused.description == "the result would be 5000×3000 px; at most 4096 px a side and 16 MP")
        #expect(try plan("resize:fit:1000:1000", 5000, 3000).output == PixelSize(width: 1000, height: 600))
    }

    @Test func aSourceOverTheSourceLimitIsRefused() {
        let refused = TransformError.sourceTooLarge(size: PixelSize(width: 10000, height: 6000), limit: 50_000_000)
        #expect(throws: refused) { try plan("resize:fit:100:100", 10000, 6000) }
        #expect(refused.description == "the image is 10000×6000 px; at most 50 MP")
    }

    @Test func theLimitsAreConfigurable() throws {
        let limits = TransformLimits(maxPixels: 1000)
        #expect(throws: TransformError.outputTooLarge(step: "resize:fit:100:100", size: PixelSize(width: 100, height: 100), limits: limits)) {
            try plan("resize:fit:100:100", 200, 200, limits: limits)
        }
        #expect(try plan("resize:fit:30:30", 200, 200, limits: limits).output == PixelSize(width: 30, height: 30))
    }

    @Test func invalidConfigurationAreRefusedAtStartUp() {
        #expect(throws: TransformError.invalidConfiguration(reason: "every transform limit must be positive")) {
            try TransformLimits(maxSide: 0).validate()
        }
        #expect(throws: Never.self) { try TransformLimits().validate() }
    }

    @Test(arguments: [(ImageFormat.jpeg, OutputFormat.jpeg), (.png, .png), (.webp, .webp), (.gif, .png), (.bmp, .png)])
    func withoutAFormatTheOutputKeepsTheSourceFormat(source: ImageFormat, output: OutputFormat) throws {
        #expect(try plan("grayscale", 10, 10, format: source).format == output)
        #expect(try plan("format:webp", 10, 10, format: source).format == .webp)
    }

    @Test func qualityDefaultsTo85() throws {
        #expect(try plan("", 10, 10).quality == 85)
        #expect(try plan("quality:40", 10, 10).quality == 40)
    }

    @Test(arguments: [
        ("resize:fit:800:800", PixelSize(width: 800, height: 600) as PixelSize?),
        ("resize:force:100:100", PixelSize(width: 100, height: 100)),
        ("resize:fill:300:300", PixelSize(width: 400, height: 300)),
        ("resize:fill:8000:8000/resize:fit:10:10", nil),
        ("grayscale/resize:fit:800:800", nil),
        ("", nil),
    ])
    func aFirstResizeHappensWhileDecoding(options: String, decodeSize: PixelSize?) throws {
        let limits = TransformLimits(maxSide: 8000, maxPixels: 64_000_000)
        #expect(try plan(options, 4000, 3000, limits: limits).decodeSize == decodeSize)
    }

    @Test func aTransformIsRefusedFromTheHeaderBeforeAnyDecoding() {
        // Only a header: decoding it would fail, so the refusal proves nothing was decoded.
        let header = TestImages.pngHeaderOnly(width: 5000, height: 4000)
        #expect(throws: TransformError.outputTooLarge(step: "resize:force:4096:4000", size: PixelSize(width: 4096, height: 4000),
                                                      limits: TransformLimits())) {
            try Transformer().transform(.bytes(header), steps: TransformSteps(parsing: "resize:force:4096:4000"))
        }
        #expect(throws: TransformError.sourceTooLarge(size: PixelSize(width: 100_000, height: 100_000), limit: 50_000_000)) {
            try Transformer().transform(.bytes(TestImages.pngHeaderOnly(width: 100_000, height: 100_000)), steps: TransformSteps())
        }
    }
}
