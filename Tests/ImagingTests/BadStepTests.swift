import Testing
@testable import Imaging

@Suite struct BadStepTests {
    static let unknown = "unknown step; the steps are resize, gravity, crop, rotate, flip, grayscale, blur, sharpen, "
        + "brightness, contrast, annotate, format, quality"
    static let resizeUsage = "expected resize:fit|fill|force:WIDTH:HEIGHT (fill may add :center|face|smart)"
    static let cropUsage = "expected crop:WIDTH:HEIGHT[:GRAVITY] or crop:X:Y:WIDTH:HEIGHT"

    @Test(arguments: [
        ("resize:fit:0:10", "resize:fit:0:10: width must be 1…4096"),
        ("resize:fit:10:5000", "resize:fit:10:5000: height must be 1…4096"),
        ("resize:fit:ten:10", "resize:fit:ten:10: width must be 1…4096"),
        ("resize:fit:10", "resize:fit:10: \(resizeUsage)"),
        ("resize", "resize: \(resizeUsage)"),
        ("resize:fit:10:10:face", "resize:fit:10:10:face: \(resizeUsage)"),
        ("resize:stretch:10:10", "resize:stretch:10:10: mode must be fit, fill or force"),
        ("resize:fill:10:10:left", "resize:fill:10:10:left: gravity must be center, face or smart"),
        ("gravity:north", "gravity:north: gravity must be center, face or smart"),
        ("gravity", "gravity: expected gravity:center|face|smart"),
        ("crop:10", "crop:10: \(cropUsage)"),
        ("crop:1:2:3", "crop:1:2:3: \(cropUsage)"),
        ("crop:10:10:north", "crop:10:10:north: gravity must be center, face or smart"),
        ("crop:0:10", "crop:0:10: width must be 1…4096"),
        ("crop:-1:0:10:10", "crop:-1:0:10:10: x must be 0…10000000"),
        ("crop:0:-1:10:10", "crop:0:-1:10:10: y must be 0…10000000"),
        ("crop:0:0:10:0", "crop:0:0:10:0: height must be 1…4096"),
        ("rotate:45", "rotate:45: angle must be 90, 180 or 270"),
        ("rotate:0", "rotate:0: angle must be 90, 180 or 270"),
        ("rotate", "rotate: expected rotate:90|180|270"),
        ("flip:x", "flip:x: axis must be h or v"),
        ("flip:h:v", "flip:h:v: expected flip:h|v"),
        ("grayscale:1", "grayscale:1: grayscale takes no arguments"),
        ("annotate:yes", "annotate:yes: annotate takes no arguments"),
        ("blur", "blur: expected blur:SIGMA"),
        ("blur:0", "blur:0: sigma must be 0.1…20"),
        ("blur:21", "blur:21: sigma must be 0.1…20"),
        ("blur:-1", "blur:-1: sigma must be 0.1…20"),
        ("blur:abc", "blur:abc: sigma must be 0.1…20"),
        ("blur:1e1", "blur:1e1: sigma must be 0.1…20"),
        ("blur:inf", "blur:inf: sigma must be 0.1…20"),
        ("blur:nan", "blur:nan: sigma must be 0.1…20"),
        ("blur:1.2.3", "blur:1.2.3: sigma must be 0.1…20"),
        ("blur:.", "blur:.: sigma must be 0.1…20"),
        ("sharpen:11", "sharpen:11: sigma must be 0.1…10"),
        ("brightness:101", "brightness:101: amount must be -100…100"),
        ("brightness", "brightness: expected brightness:-100..100"),
        ("contrast:1.5", "contrast:1.5: amount must be -100…100"),
        ("contrast:-101", "contrast:-101: amount must be -100…100"),
        ("format:gif", "format:gif: format must be jpeg, png or webp"),
        ("format", "format: expected format:jpeg|png|webp"),
        ("quality:0", "quality:0: quality must be 1…100"),
        ("quality:101", "quality:101: quality must be 1…100"),
        ("resise:fit:1:1", "resise:fit:1:1: \(unknown)"),
        (":", ":: \(unknown)"),
        ("BLUR:0", "BLUR:0: sigma must be 0.1…20"),
    ])
    func aBadStepIsRefusedWithItsNameAndWhatIsWrong(options: String, message: String) {
        do {
            _ = try TransformSteps(parsing: options)
            Issue.record("\(options) parsed")
        } catch {
            #expect(error.description == message)
            #expect(error.internalDetail == nil)
        }
    }

    @Test func theErrorNamesTheBadStepAmongGoodOnes() {
        #expect(throws: TransformError.badStep(step: "rotate:45", reason: "angle must be 90, 180 or 270")) {
            try TransformSteps(parsing: "resize:fit:10:10/rotate:45/grayscale")
        }
    }
}
