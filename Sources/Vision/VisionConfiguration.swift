import Foundation

/// What `ImageAnalyzer` loads and the limits that bound its work; the defaults suit Debian and a 2-core machine.
public struct VisionConfiguration: Sendable {
    /// Debian's opencv-data puts the frontal-face cascade here.
    public static let defaultCascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml"

    public var cascadePath: String
    /// Folder holding `<language>.traineddata`; nil lets Tesseract use its built-in default
    /// (Debian: /usr/share/tesseract-ocr/5/tessdata) or `TESSDATA_PREFIX`.
    public var tessdataPath: String?
    /// Tesseract language code(s), such as "eng" or "eng+deu".
    public var language: String
    /// Images with more pixels are refused before decoding.
    public var maxPixels: Int
    /// Face detection and OCR run on a copy shrunk to at most this many pixels (faces are mapped
    /// back to original pixels); nil keeps the full resolution: every pixel, exactly as the insights are defined.
    public var workingPixels: Int?
    /// k-means clusters at most this many pixels, taken on a regular grid; nil clusters them all.
    public var colorSamples: Int?
    /// Runs OCR beside the other analyzers, which suits two or more cores.
    public var concurrent: Bool

    public init(
        cascadePath: String = defaultCascadePath,
        tessdataPath: String? = nil,
        language: String = "eng",
        maxPixels: Int = 50_000_000,
        workingPixels: Int? = 1_000_000,
        colorSamples: Int? = 10_000,
        concurrent: Bool = true
    ) {
        self.cascadePath = cascadePath
        self.tessdataPath = tessdataPath
        self.language = language
        self.maxPixels = maxPixels
        self.workingPixels = workingPixels
        self.colorSamples = colorSamples
        self.concurrent = concurrent
    }

    /// The insights computed on every pixel at every size: no shrinking and no sampling (slow on big photos).
    public static var fullResolution: VisionConfiguration {
        VisionConfiguration(workingPixels: nil, colorSamples: nil)
    }

    /// Refuses settings that could only fail later, with the setting named.
    public func validate() throws {
        guard FileManager.default.isReadableFile(atPath: cascadePath) else {
            throw VisionError.configuration(detail: "Haar cascade \(cascadePath) is not readable")
        }
        guard maxPixels > 0 else { throw VisionError.configuration(detail: "maxPixels must be positive") }
        // Below a few thousand pixels neither faces of 30x30 nor text would survive the shrinking.
        guard (workingPixels ?? .max) >= 10_000, (colorSamples ?? .max) >= 100 else {
            throw VisionError.configuration(detail: "workingPixels must be >= 10000 and colorSamples >= 100")
        }
    }
}
