/// A libvips failure with the text of its error buffer. Internal: the engine turns it into a
/// `TransformError`, whose public message never shows libvips' text.
struct VipsError: Error {
    let message: String
}
