import Testing
@testable import Imaging

@Suite struct StepParsingTests {
    @Test(arguments: [
        ("resize:fit:300:200", TransformStep.resize(.fit, width: 300, height: 200)),
        ("resize:fill:300:200", .resize(.fill(.center), width: 300, height: 200)),
        ("resize:fill:300:200:smart", .resize(.fill(.smart), width: 300, height: 200)),
        ("resize:force:300:200", .resize(.force, width: 300, height: 200)),
        ("crop:50:40", .crop(width: 50, height: 40, gravity: .center)),
        ("crop:50:40:face", .crop(width: 50, height: 40, gravity: .face)),
        ("crop:10:20:50:40", .cropRegion(x: 10, y: 20, width: 50, height: 40)),
        ("rotate:90", .rotate(.quarter)),
        ("rotate:180", .rotate(.half)),
        ("rotate:270", .rotate(.threeQuarters)),
        ("flip:h", .flip(.horizontal)),
        ("flip:v", .flip(.vertical)),
        ("grayscale", .grayscale),
        ("blur:1.5", .blur(sigma: 1.5)),
        ("sharpen:0.75", .sharpen(sigma: 0.75)),
        ("brightness:-20", .brightness(-20)),
        ("contrast:35", .contrast(35)),
        ("annotate", .annotate),
    ])
    func eachStepParses(options: String, expected: TransformStep) throws {
        #expect(try TransformSteps(parsing: options).steps == [expected])
    }

    @Test func formatAndQualityAreOutputSettingsNotSteps() throws {
        let parsed = try TransformSteps(parsing: "format:webp/quality:70/grayscale")
        #expect(parsed.steps == [.grayscale])
        #expect(parsed.format == .webp)
        #expect(parsed.quality == 70)
    }

    @Test func gravityAppliesToEveryLaterFillAndSizedCropThatNamesNone() throws {
        let parsed = try TransformSteps(parsing: "crop:10:10/gravity:face/resize:fill:5:5/crop:4:4:smart/crop:3:3/gravity:center/crop:2:2")
        #expect(parsed.steps == [
            .crop(width: 10, height: 10, gravity: .center),
            .resize(.fill(.face), width: 5, height: 5),
            .crop(width: 4, height: 4, gravity: .smart),
            .crop(width: 3, height: 3, gravity: .face),
            .crop(width: 2, height: 2, gravity: .center),
        ])
    }

    @Test func noOptionsAreNoSteps() throws {
        let parsed = try TransformSteps(parsing: "")
        #expect(parsed == TransformSteps())
        #expect(parsed.canonical == "")
    }

    @Test func sixteenStepsAreAllowed() throws {
        #expect(try TransformSteps(parsing: Array(repeating: "grayscale", count: 16).joined(separator: "/")).steps.count == 16)
    }

    @Test func seventeenStepsAreTooMany() {
        let options = Array(repeating: "grayscale", count: 17).joined(separator: "/")
        #expect(throws: TransformError.tooManySteps(count: 17, limit: 16)) { try TransformSteps(parsing: options) }
        #expect(TransformError.tooManySteps(count: 17, limit: 16).description == "at most 16 steps, got 17")
    }

    @Test func stepsCountAsWrittenIncludingGravityFormatAndQuality() {
        let limits = TransformLimits(maxSteps: 2)
        #expect(throws: TransformError.tooManySteps(count: 3, limit: 2)) {
            try TransformSteps(parsing: "gravity:face/format:png/quality:5", limits: limits)
        }
    }

    @Test func sideLimitIsConfigurable() {
        #expect(throws: TransformError.badStep(step: "resize:fit:101:10", reason: "width must be 1…100")) {
            try TransformSteps(parsing: "resize:fit:101:10", limits: TransformLimits(maxSide: 100))
        }
    }
}
