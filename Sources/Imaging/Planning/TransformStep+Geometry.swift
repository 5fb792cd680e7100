extension TransformStep {
    /// The size this step gives an image of `input`; a region crop that starts outside it is a bad step.
    func size(after input: PixelSize) throws(TransformError) -> PixelSize {
        switch self {
        case let .resize(.fit, width, height):
            return input.scaled(by: min(Double(width) / Double(input.width), Double(height) / Double(input.height)))
        case let .resize(_, width, height):
            return PixelSize(width: width, height: height)
        case let .crop(width, height, _):
            return PixelSize(width: min(width, input.width), height: min(height, input.height))
        case let .cropRegion(x, y, width, height):
            guard x < input.width, y < input.height else {
                throw .badStep(step: canonical, reason: "the region starts outside the \(input) px image")
            }
            return PixelSize(width: min(width, input.width - x), height: min(height, input.height - y))
        case let .rotate(turn):
            return turn.transposes ? input.transposed : input
        case .flip, .grayscale, .blur, .sharpen, .brightness, .contrast, .annotate:
            return input
        }
    }

    /// The size the decoder can produce directly when this is the first step (shrink-on-load),
    /// or nil when the step must see the decoded source as it is.
    func decodeSize(from source: PixelSize) -> PixelSize? {
        switch self {
        case let .resize(.fill, width, height):
            let fill = FillGeometry(input: source, target: PixelSize(width: width, height: height))
            return fill.enlarges ? nil : fill.cover
        case .resize:
            return try? size(after: source)
        default:
            return nil
        }
    }
}
