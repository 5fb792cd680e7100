/// Where a `cut`-sized window goes in an image of `size` for the centre and face gravities
/// (the smart gravity asks libvips, see `Canvas`).
struct CutPlacement {
    let size: PixelSize
    let cut: PixelSize

    func centred() -> (x: Int, y: Int) {
        ((size.width - cut.width) / 2, (size.height - cut.height) / 2)
    }

    /// Keeps every face inside the window when their union fits, else the largest face (whole
    /// when it fits, centred when even it does not); no faces: centred.
    func aroundFaces(_ faces: [FaceRegion]) -> (x: Int, y: Int) {
        guard let union = FaceRegion.union(faces) else { return centred() }
        let fits = union.width <= Double(cut.width) && union.height <= Double(cut.height)
        let kept = fits ? union : faces.max { $0.area < $1.area } ?? union
        return (Self.place(kept.x, kept.maxX, window: cut.width, within: size.width),
                Self.place(kept.y, kept.maxY, window: cut.height, within: size.height))
    }

    /// The window's start on one axis: centred on `start`…`end`, moved the least needed to hold
    /// all of it and to stay inside the image.
    private static func place(_ start: Double, _ end: Double, window: Int, within length: Int) -> Int {
        let centred = Int(((start + end) / 2 - Double(window) / 2).rounded())
        let lowest = max(0, Int((end - Double(window)).rounded(.up)))
        let highest = min(length - window, Int(start.rounded(.down)))
        let position = lowest <= highest ? min(max(centred, lowest), highest) : centred
        return min(max(position, 0), length - window)
    }
}
