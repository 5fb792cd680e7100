extension String {
    /// The last `limit` bytes of the text, cut at a character boundary.
    public func keepingLast(bytes limit: Int) -> String {
        guard utf8.count > limit else { return self }
        var index = utf8.index(utf8.endIndex, offsetBy: -limit)
        while index < utf8.endIndex, !isCharacterBoundary(index) { index = utf8.index(after: index) }
        return String(self[index...])
    }

    private func isCharacterBoundary(_ index: String.Index) -> Bool {
        index.samePosition(in: unicodeScalars) != nil
    }
}
