/// How `resize:fill` reaches exactly `target` from `input`: scale to cover the target, then cut.
/// When that shrinks, the image is resized to `cover` first and the cut made there (so that a
/// JPEG can shrink while decoding); when it enlarges, `region` of the input is cut first and
/// only that is enlarged, which keeps the intermediate image small whatever the aspect ratios.
struct FillGeometry: Equatable {
    let input: PixelSize
    let target: PixelSize

    var scale: Double {
        max(Double(target.width) / Double(input.width), Double(target.height) / Double(input.height))
    }

    var enlarges: Bool { scale > 1 }

    /// The input scaled to cover the target, at least the target a side.
    var cover: PixelSize {
        let scaled = input.scaled(by: scale)
        return PixelSize(width: max(target.width, scaled.width), height: max(target.height, scaled.height))
    }

    /// The part of the input that becomes the target.
    var region: PixelSize {
        PixelSize(width: min(input.width, max(1, Int((Double(target.width) / scale).rounded()))),
                  height: min(input.height, max(1, Int((Double(target.height) / scale).rounded()))))
    }
}
