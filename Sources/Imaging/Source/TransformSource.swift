import Foundation

/// An image to transform: bytes in memory (an upload) or a file (a stored blob, which libvips
/// then reads itself).
public enum TransformSource: Sendable {
    case bytes(Data)
    case file(String)
}
