/// One `name:arg:arg` segment, lowercased, with readers for its arguments whose errors name the
/// segment as written.
struct StepText {
    let written: String
    let name: String
    let arguments: [String]

    init(_ written: String) {
        self.written = written
        let parts = written.lowercased().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        name = parts[0]
        arguments = Array(parts.dropFirst())
    }

    func error(_ reason: String) -> TransformError {
        .badStep(step: written, reason: reason)
    }

    func expectArguments(_ count: Int, usage: String) throws(TransformError) {
        guard arguments.count == count else {
            throw error(count == 0 ? "\(name) takes no arguments" : "expected \(usage)")
        }
    }

    func integer(at index: Int, _ label: String, _ range: ClosedRange<Int>) throws(TransformError) -> Int {
        guard let value = Int(arguments[index]), range.contains(value) else {
            throw error("\(label) must be \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// A plain decimal (`2`, `2.0`, `.5`; no exponent, no `inf`), rounded to two places.
    func decimal(at index: Int, _ label: String, _ range: ClosedRange<Double>) throws(TransformError) -> Double {
        let text = arguments[index]
        let digits = text.filter(\.isASCII).filter(\.isNumber)
        let plain = !digits.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && text.filter { $0 == "." }.count <= 1
        guard plain, let value = Double(text).map({ ($0 * 100).rounded() / 100 }), range.contains(value) else {
            throw error("\(label) must be \(TransformStep.format(range.lowerBound))…\(TransformStep.format(range.upperBound))")
        }
        return value
    }
}
