import Foundation
import CImaging

/// libvips' process-wide state: started once, on first use, from any thread.
enum VipsRuntime {
    /// Swift runs a global's initialiser exactly once, whichever thread gets there first.
    private static let started: Result<Void, VipsError> = {
        guard cimaging_init("peek") == 0 else { return .failure(VipsError(message: takeErrorText())) }
        // Loaders marked untrusted (ImageMagick, FITS, Matlab, …) never see an upload, except
        // ImageMagick's: it is Debian's only BMP loader, and only bytes that ImageHeader
        // recognised as BMP get that far.
        cimaging_block_untrusted(1)
        cimaging_block_operation("VipsForeignLoadMagick", 0)
        // Every request brings a new image: caching operations would only hold memory.
        cimaging_set_cache_max(0)
        return .success(())
    }()

    static func start() throws(VipsError) {
        try started.get()
    }

    /// The error buffer's text, which is then cleared so that the next failure reports only itself.
    static func takeErrorText() -> String {
        guard let text = cimaging_error_copy() else { return "unknown libvips error" }
        defer { cimaging_free(text) }
        let message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        return message.isEmpty ? "unknown libvips error" : message
    }
}
