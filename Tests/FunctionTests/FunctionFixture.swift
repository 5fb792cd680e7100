import Foundation
import ImageInspection
import Logging
import PeekCore
import PeekHTTP
import PeekStore
import PeekTestSupport

/// A migrated data directory and the configuration that points at it, for calling handlers
/// in-process with request values, as nginx would hand them over.
struct FunctionFixture {
    let configuration: PeekConfiguration
    let directory: DataDirectory

    /// Runs `body` with a fresh, migrated data directory (`settings` become PEEK_* variables).
    static func with<T>(_ settings: [String: String] = [:], _ body: (FunctionFixture) throws -> T) throws -> T {
        try withTemporaryDirectory { root in
            var environment = ["PEEK_DATA_DIR": root.path]
            for (key, value) in settings { environment["PEEK_\(key)"] = value }
            let configuration = try PeekConfiguration(environment: environment)
            let directory = DataDirectory(configuration: configuration)
            for folder in [directory.blobs, directory.temporary, configuration.runDirectory] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            _ = try SQLiteDatabase(path: directory.database.path)
            return try body(FunctionFixture(configuration: configuration, directory: directory))
        }
    }

    var database: SQLiteDatabase {
        get throws { try SQLiteDatabase(existing: configuration) }
    }

    /// A 1×1 PNG upload from a test client, queued as fn-analyze would have queued it.
    func queuedImage(createdAt: Double = 1_000_000) throws -> ImageRecord {
        let image = ImageRecord.fixture(createdAt: createdAt)
        try database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3)).enqueue(image, client: "192.0.2.1")
        return image
    }

    /// opencv-doc's messi5.jpg (548×342, one face) stored and queued as an upload.
    func queuedPhoto() throws -> ImageRecord {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"))
        let digest = try LocalBlobStore(directory: directory).store(bytes)
        let image = ImageRecord(id: ImageID.generate(), blobSHA256: digest,
                                header: ImageHeader(format: .jpeg, width: 548, height: 342), byteSize: bytes.count,
                                originalFilename: "messi5.jpg", createdAt: Date().timeIntervalSince1970)
        try database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3)).enqueue(image, client: "192.0.2.1")
        return image
    }

    /// What the handler answers, errors included, as the FastCGI host would send it.
    func respond(_ handler: any Handler, _ request: Request) -> Answer {
        let wire = Responder(handler: handler, logger: Logger(label: "test")).respond(to: request)
        return Answer(wire: wire)
    }
}

/// A request as nginx passes it: its parameters, and the body on the stream.
func request(_ method: String, _ path: String, contentType: String? = nil, body: [UInt8] = [],
             parameters extra: [String: String] = [:]) -> Request {
    var parameters = ["REQUEST_METHOD": method, "DOCUMENT_URI": path, "REQUEST_ID": "0123456789abcdef",
                      "REMOTE_ADDR": "192.0.2.1"]
    parameters.merge(extra) { _, new in new }
    if let contentType { parameters["CONTENT_TYPE"] = contentType }
    if !body.isEmpty { parameters["CONTENT_LENGTH"] = "\(body.count)" }
    let remaining = Locked(body[...])
    let stream = BodyStream { buffer in
        var count = 0
        remaining.mutate { rest in
            count = min(buffer.count, rest.count)
            buffer.copyBytes(from: rest.prefix(count))
            rest = rest.dropFirst(count)
        }
        return count
    }
    return Request(parameters: parameters, bodyStream: stream)
}

/// A CGI response taken apart: status, headers and the JSON body, if any.
struct Answer {
    let status: Int
    let headers: [String: String]
    let body: Data

    init(wire: Data) {
        let end = wire.range(of: Data("\r\n\r\n".utf8))
        let head = String(decoding: wire[..<(end?.lowerBound ?? wire.endIndex)], as: UTF8.self)
        var headers: [String: String] = [:]
        for line in head.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.status = Int(headers["Status"]?.prefix(3) ?? "") ?? 0
        self.headers = headers
        self.body = end.map { Data(wire[$0.upperBound...]) } ?? Data()
    }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    var error: String { json["error"] as? String ?? "" }
}

/// A multipart upload of `image` in the field `field`.
func upload(_ image: [UInt8], field: String = "image", filename: String = "photo.png") -> Request {
    let boundary = "peek-test-boundary"
    let body = multipartBody(boundary: boundary, [.field(field, filename: filename, contentType: "image/png", body: image)])
    return request("POST", "/api/analyze", contentType: "multipart/form-data; boundary=\(boundary)", body: body)
}
