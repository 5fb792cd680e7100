import Foundation

/// A blob as a file on this machine. A download is removed when the value goes out of use; the
/// store's own file is left alone.
public final class BlobFile: Sendable {
    public let path: String
    let isTemporary: Bool

    init(path: String, isTemporary: Bool) {
        self.path = path
        self.isTemporary = isTemporary
    }

    deinit {
        if isTemporary { unlink(path) }
    }
}
