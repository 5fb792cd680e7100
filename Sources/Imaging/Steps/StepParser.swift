/// Reads OPTIONS into `TransformSteps`. Names and keywords are case-insensitive; numbers are
/// decimal, decimals rounded to two places; empty segments (`a//b`, a trailing `/`) are ignored.
/// `gravity` applies to every later `fill` and sized `crop` that names none itself; a later
/// `format` or `quality` replaces an earlier one.
struct StepParser {
    let limits: TransformLimits

    static let stepNames = "resize, gravity, crop, rotate, flip, grayscale, blur, sharpen, brightness, contrast, annotate, format, quality"
    /// libvips' largest coordinate.
    static let maxCoordinate = 10_000_000

    func parse(_ options: String) throws(TransformError) -> TransformSteps {
        let segments = options.split(separator: "/").map(String.init)
        guard segments.count <= limits.maxSteps else {
            throw .tooManySteps(count: segments.count, limit: limits.maxSteps)
        }
        var gravity = Gravity.center
        var steps: [TransformStep] = []
        var format: OutputFormat?
        var quality: Int?
        for segment in segments {
            let step = StepText(segment)
            switch step.name {
            case "resize": steps.append(try resize(step, gravity: gravity))
            case "gravity":
                try step.expectArguments(1, usage: "gravity:center|face|smart")
                gravity = try Self.gravity(step, at: 0)
            case "crop": steps.append(try crop(step, gravity: gravity))
            case "rotate":
                try step.expectArguments(1, usage: "rotate:90|180|270")
                guard let turn = Int(step.arguments[0]).flatMap(QuarterTurn.init(rawValue:)) else {
                    throw step.error("angle must be 90, 180 or 270")
                }
                steps.append(.rotate(turn))
            case "flip":
                try step.expectArguments(1, usage: "flip:h|v")
                guard let axis = FlipAxis(rawValue: step.arguments[0]) else { throw step.error("axis must be h or v") }
                steps.append(.flip(axis))
            case "grayscale", "greyscale":
                try step.expectArguments(0, usage: "grayscale")
                steps.append(.grayscale)
            case "blur":
                try step.expectArguments(1, usage: "blur:SIGMA")
                steps.append(.blur(sigma: try step.decimal(at: 0, "sigma", 0.1...20)))
            case "sharpen":
                try step.expectArguments(1, usage: "sharpen:SIGMA")
                steps.append(.sharpen(sigma: try step.decimal(at: 0, "sigma", 0.1...10)))
            case "brightness":
                try step.expectArguments(1, usage: "brightness:-100..100")
                steps.append(.brightness(try step.integer(at: 0, "amount", -100...100)))
            case "contrast":
                try step.expectArguments(1, usage: "contrast:-100..100")
                steps.append(.contrast(try step.integer(at: 0, "amount", -100...100)))
            case "annotate":
                try step.expectArguments(0, usage: "annotate")
                steps.append(.annotate)
            case "format":
                try step.expectArguments(1, usage: "format:jpeg|png|webp")
                let name = step.arguments[0] == "jpg" ? "jpeg" : step.arguments[0]
                guard let named = OutputFormat(rawValue: name) else { throw step.error("format must be jpeg, png or webp") }
                format = named
            case "quality":
                try step.expectArguments(1, usage: "quality:1..100")
                quality = try step.integer(at: 0, "quality", 1...100)
            default:
                throw step.error("unknown step; the steps are \(Self.stepNames)")
            }
        }
        return TransformSteps(steps: steps, format: format, quality: quality)
    }

    private func resize(_ step: StepText, gravity: Gravity) throws(TransformError) -> TransformStep {
        let usage = "resize:fit|fill|force:WIDTH:HEIGHT"
        guard step.arguments.count == 3 || (step.arguments.count == 4 && step.arguments[0] == "fill") else {
            throw step.error("expected \(usage) (fill may add :center|face|smart)")
        }
        let width = try step.integer(at: 1, "width", 1...limits.maxSide)
        let height = try step.integer(at: 2, "height", 1...limits.maxSide)
        switch step.arguments[0] {
        case "fit": return .resize(.fit, width: width, height: height)
        case "force": return .resize(.force, width: width, height: height)
        case "fill":
            let own = step.arguments.count == 4 ? try Self.gravity(step, at: 3) : gravity
            return .resize(.fill(own), width: width, height: height)
        default: throw step.error("mode must be fit, fill or force")
        }
    }

    private func crop(_ step: StepText, gravity: Gravity) throws(TransformError) -> TransformStep {
        let arguments = step.arguments
        let sized = arguments.count == 2 || (arguments.count == 3 && Int(arguments[2]) == nil)
        if sized {
            let width = try step.integer(at: 0, "width", 1...limits.maxSide)
            let height = try step.integer(at: 1, "height", 1...limits.maxSide)
            let own = arguments.count == 3 ? try Self.gravity(step, at: 2) : gravity
            return .crop(width: width, height: height, gravity: own)
        }
        guard arguments.count == 4 else { throw step.error("expected crop:WIDTH:HEIGHT[:GRAVITY] or crop:X:Y:WIDTH:HEIGHT") }
        return .cropRegion(x: try step.integer(at: 0, "x", 0...Self.maxCoordinate),
                           y: try step.integer(at: 1, "y", 0...Self.maxCoordinate),
                           width: try step.integer(at: 2, "width", 1...limits.maxSide),
                           height: try step.integer(at: 3, "height", 1...limits.maxSide))
    }

    private static func gravity(_ step: StepText, at index: Int) throws(TransformError) -> Gravity {
        let name = step.arguments[index] == "centre" ? "center" : step.arguments[index]
        guard let gravity = Gravity(rawValue: name) else { throw step.error("gravity must be center, face or smart") }
        return gravity
    }
}
