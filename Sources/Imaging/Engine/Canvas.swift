import ImageInspection

/// The image being transformed and the face boxes in its current pixels; every step replaces
/// the image and moves the boxes with it.
struct Canvas {
    private(set) var image: VipsImage
    private(set) var faces: [FaceRegion]
    /// False while the pixels still stream from a sequential decoder, which cannot go back.
    private var randomAccess = false

    init(image: VipsImage) {
        self.image = image
        faces = []
    }

    /// `boxes` are in pixels of `original`, the upright source, which may have been decoded smaller.
    mutating func place(_ boxes: [FaceBox], from original: PixelSize) {
        let scaleX = Double(size.width) / Double(original.width)
        let scaleY = Double(size.height) / Double(original.height)
        let size = size
        faces = boxes.compactMap { FaceRegion($0).scaled(x: scaleX, y: scaleY).cut(dx: 0, dy: 0, size: size) }
    }

    var size: PixelSize { image.size }

    mutating func apply(_ step: TransformStep) throws(TransformError) {
        switch step {
        case .resize(.fit, _, _), .resize(.force, _, _):
            try resize(to: try step.size(after: size))
        case let .resize(.fill(gravity), width, height):
            try fill(PixelSize(width: width, height: height), gravity: gravity)
        case let .crop(_, _, gravity):
            try cut(try step.size(after: size), gravity: gravity)
        case let .cropRegion(x, y, _, _):
            try cut(at: (x, y), size: try step.size(after: size))
        case let .rotate(turn):
            try rotate(turn)
        case let .flip(axis):
            try flip(axis)
        case .grayscale:
            image = try processing { try image.grey() }
        case let .blur(sigma):
            image = try processing { try image.gaussianBlurred(sigma: sigma) }
        case let .sharpen(sigma):
            image = try processing { try image.sharpened(sigma: sigma) }
        case let .brightness(amount):
            try adjustColourBands(multiply: 1, add: Double(amount) * 2.55)
        case let .contrast(amount):
            let slope = Double(100 + amount) / 100
            try adjustColourBands(multiply: slope, add: 128 * (1 - slope))
        case .annotate:
            try annotate()
        }
    }

    /// Applies EXIF orientation's correction to freshly decoded pixels, before any face is placed.
    mutating func orient(_ orientation: ExifOrientation) throws(TransformError) {
        let (turn, flip) = orientation.correction
        if let turn { try rotate(turn) }
        if let flip { try self.flip(flip) }
    }

    private mutating func resize(to target: PixelSize) throws(TransformError) {
        guard target != size else { return }
        let (scaleX, scaleY) = (Double(target.width) / Double(size.width), Double(target.height) / Double(size.height))
        image = try processing { try image.resized(to: target) }
        faces = faces.map { $0.scaled(x: scaleX, y: scaleY) }
    }

    private mutating func fill(_ target: PixelSize, gravity: Gravity) throws(TransformError) {
        let geometry = FillGeometry(input: size, target: target)
        if geometry.enlarges {
            try cut(geometry.region, gravity: gravity)
            try resize(to: target)
        } else {
            try resize(to: geometry.cover)
            try cut(target, gravity: gravity)
        }
    }

    private mutating func cut(_ window: PixelSize, gravity: Gravity) throws(TransformError) {
        let placement = CutPlacement(size: size, cut: window)
        switch gravity {
        case .center: try cut(at: placement.centred(), size: window)
        case .face: try cut(at: placement.aroundFaces(faces), size: window)
        case .smart:
            try makeRandomAccess()
            let centre = try processing { try image.attentionCentre(width: window.width, height: window.height) }
            let x = min(max(centre.x - window.width / 2, 0), size.width - window.width)
            let y = min(max(centre.y - window.height / 2, 0), size.height - window.height)
            try cut(at: (x, y), size: window)
        }
    }

    private mutating func cut(at origin: (x: Int, y: Int), size window: PixelSize) throws(TransformError) {
        guard origin != (0, 0) || window != size else { return }
        image = try processing { try image.extracted(x: origin.x, y: origin.y, width: window.width, height: window.height) }
        faces = faces.compactMap { $0.cut(dx: Double(origin.x), dy: Double(origin.y), size: window) }
    }

    private mutating func rotate(_ turn: QuarterTurn) throws(TransformError) {
        try makeRandomAccess()
        let before = size
        image = try processing { try image.rotated(turn) }
        faces = faces.map { $0.rotated(turn, in: before) }
    }

    private mutating func flip(_ axis: FlipAxis) throws(TransformError) {
        // Mirroring rows reads them in order; mirroring columns reads the last row first.
        if axis == .vertical { try makeRandomAccess() }
        let before = size
        image = try processing { try image.flipped(axis) }
        faces = faces.map { $0.flipped(axis, in: before) }
    }

    /// `multiply × value + add` on the colour bands; alpha is left alone.
    private mutating func adjustColourBands(multiply: Double, add: Double) throws(TransformError) {
        let colours = image.hasAlpha ? image.bands - 1 : image.bands
        let multipliers = Array(repeating: multiply, count: colours) + Array(repeating: 1, count: image.bands - colours)
        let offsets = Array(repeating: add, count: colours) + Array(repeating: 0, count: image.bands - colours)
        image = try processing { try image.linear(multiply: multipliers, add: offsets) }
    }

    /// 2 px green outlines, inside each box, on a private copy of the pixels.
    private mutating func annotate() throws(TransformError) {
        guard !faces.isEmpty else { return }
        if image.bands < 3 { image = try processing { try image.sRGB() } }
        let drawn = try processing { try image.inMemory() }
        let ink: [Double] = image.hasAlpha ? [0, 255, 0, 255] : [0, 255, 0]
        for face in faces {
            let left = Int(face.x.rounded()), top = Int(face.y.rounded())
            let width = max(1, Int(face.maxX.rounded()) - left), height = max(1, Int(face.maxY.rounded()) - top)
            let edge = 2
            for (x, y, w, h) in [(left, top, width, edge), (left, top + height - edge, width, edge),
                                 (left, top, edge, height), (left + width - edge, top, edge, height)] {
                try processing { try drawn.fill(x: x, y: y, width: w, height: h, ink: ink) }
            }
        }
        image = drawn
        randomAccess = true
    }

    private mutating func makeRandomAccess() throws(TransformError) {
        guard !randomAccess else { return }
        image = try processing { try image.inMemory() }
        randomAccess = true
    }
}

/// Runs libvips calls on pixels that did decode: their failures are processing failures.
func processing<T>(_ body: () throws -> T) throws(TransformError) -> T {
    do {
        return try body()
    } catch let error as VipsError {
        throw .processingFailed(detail: error.message)
    } catch {
        throw .processingFailed(detail: "\(error)")
    }
}
