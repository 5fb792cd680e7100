import Imaging
import PeekHTTP

/// `/api/image/ID/t/[SIGNATURE/]OPTIONS` taken apart: which image, the options as written (what
/// a signature covers), and the signature when the server requires one.
struct TransformPath {
    static let prefix = "/api/image/"

    let id: String
    let options: String
    let signature: String?

    init(_ path: String, signed: Bool) throws(RequestError) {
        let components = try ImagePath.components(of: path, after: Self.prefix)
        guard components.count >= 3, components[1] == "t" else { throw .noSuchRoute(path: path) }
        id = try ImagePath.validatedID(components[0])
        var rest = components.dropFirst(2)
        if signed {
            guard rest.count >= 2, let first = rest.first else { throw .badSignature }
            signature = String(first)
            rest = rest.dropFirst()
        } else {
            signature = nil
        }
        options = rest.joined(separator: "/")
        guard !options.isEmpty else { throw .invalidTransform("no steps: use /api/image/ID/t/STEP/STEP…") }
    }
}
