/// Text kept to its last `limit` bytes: a log that a runaway process cannot grow without bound.
struct BoundedText {
    let limit: Int
    private var bytes: [UInt8] = []
    private(set) var truncated = false

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ chunk: [UInt8]) {
        bytes += chunk
        if bytes.count > limit * 2 { trim() }
    }

    var text: String {
        var copy = self
        copy.trim()
        // A cut in the middle of a character decodes as U+FFFD, not as an error.
        return String(decoding: copy.bytes, as: UTF8.self)
    }

    private mutating func trim() {
        guard bytes.count > limit else { return }
        bytes.removeFirst(bytes.count - limit)
        truncated = true
    }
}
