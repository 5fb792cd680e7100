import CImaging

/// The engine's process-wide settings. Defaults need no call: libvips starts on first use with
/// one worker thread per core and no operation cache.
public enum ImagingRuntime {
    /// `threads`: libvips' worker threads per image (0: one per core); a pool of single-image
    /// processes on a small machine does better with 1. `cachedOperations`: the size of libvips'
    /// operation cache (0: none, the default, since requests rarely repeat an operation).
    public static func configure(threads: Int = 0, cachedOperations: Int = 0) throws(TransformError) {
        guard threads >= 0, cachedOperations >= 0 else {
            throw .invalidConfiguration(reason: "threads and cached operations must not be negative")
        }
        do {
            try VipsRuntime.start()
        } catch {
            throw .processingFailed(detail: error.message)
        }
        cimaging_set_concurrency(Int32(clamping: threads))
        cimaging_set_cache_max(Int32(clamping: cachedOperations))
    }
}
