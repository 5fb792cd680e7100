import CCurl
import Foundation

/// One HTTP exchange through a libcurl easy handle, signed by libcurl (`CURLOPT_AWS_SIGV4`). The
/// handle is owned here and cleaned up in `deinit`; libcurl's codes never leave this file except
/// as `CurlTransfer.Failure`.
final class CurlTransfer {
    /// What came back: the status, the headers (names lowercased) and the body kept in memory.
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    /// No reply at all: connection refused or lost, a timeout. Always worth a retry.
    struct Failure: Error, CustomStringConvertible {
        let code: Int
        let message: String
        var description: String { "curl error \(code): \(message)" }
    }

    /// Where a reply's body goes: memory (error documents, listings; capped) or a file descriptor.
    enum Sink {
        case memory
        case file(Int32)
    }

    /// libcurl's global state is set up once, before any handle exists (it is not thread-safe).
    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    /// An error document or a listing page is small; anything larger is cut off and the transfer failed.
    static let memoryLimit = 8 * 1024 * 1024

    private let handle: UnsafeMutableRawPointer

    init() throws(Failure) {
        guard Self.initialized, let handle = curl_easy_init() else {
            throw Failure(code: -1, message: "libcurl could not be initialised")
        }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Performs one request. `body` is sent as it is (PUT); `signing` is `aws:amz:REGION:s3` with
    /// its key pair, for libcurl to compute the Authorization header over the headers given.
    func perform(method: String, url: String, headers: [(String, String)], body: UnsafeRawBufferPointer?,
                 signing: (scope: String, accessKeyID: String, secretAccessKey: String),
                 sink: Sink, timeoutSeconds: Int) throws(Failure) -> Reply {
        curl_easy_reset(handle)
        let context = Context(sink: sink)
        let unmanaged = Unmanaged.passRetained(context)
        defer { unmanaged.release() }
        var list: UnsafeMutablePointer<curl_slist>?
        // No `Expect:` to turn off 100-continue: curl 7.88 would sign that removed header, and the
        // server, which never sees it, would find the signature wrong.
        for (name, value) in headers {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        defer { curl_slist_free_all(list) }
        var code = ccurl_setopt_string(handle, CURLOPT_URL, url)
        func set(_ result: CURLcode) { if code == CURLE_OK { code = result } }
        set(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        set(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method))
        set(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list))
        set(ccurl_setopt_string(handle, CURLOPT_AWS_SIGV4, signing.scope))
        set(ccurl_setopt_string(handle, CURLOPT_USERNAME, signing.accessKeyID))
        set(ccurl_setopt_string(handle, CURLOPT_PASSWORD, signing.secretAccessKey))
        set(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 3_000))
        set(ccurl_setopt_long(handle, CURLOPT_TIMEOUT, timeoutSeconds))
        // A transfer that stalls (under 1 KiB/s for 5 s) is given up before its whole time limit.
        set(ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1024))
        set(ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, 5))
        set(ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        if method == "HEAD" { set(ccurl_setopt_long(handle, CURLOPT_NOBODY, 1)) }
        // POSTFIELDS is not copied: `body` outlives the transfer. An empty body is copied (a PUT
        // needs its Content-Length: 0 and a buffer of nothing may have no address).
        if let body {
            set(ccurl_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            if let address = body.baseAddress, body.count > 0 {
                set(ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: address)))
            } else {
                set(ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, ""))
            }
        }
        set(ccurl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, { data, size, count, context in
            Unmanaged<Context>.fromOpaque(context!).takeUnretainedValue().receive(data, size * count)
        }))
        set(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, unmanaged.toOpaque()))
        set(ccurl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, { data, size, count, context in
            Unmanaged<Context>.fromOpaque(context!).takeUnretainedValue().header(data, size * count)
        }))
        set(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, unmanaged.toOpaque()))
        guard code == CURLE_OK else { throw Failure(code: Int(code.rawValue), message: "a libcurl option was refused") }
        let result = curl_easy_perform(handle)
        if let problem = context.problem { throw Failure(code: Int(result.rawValue), message: problem) }
        guard result == CURLE_OK else {
            throw Failure(code: Int(result.rawValue), message: String(cString: curl_easy_strerror(result)))
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Reply(status: status, headers: context.headers, body: context.body)
    }

    /// What the callbacks fill in while a transfer runs.
    private final class Context {
        let sink: Sink
        var body = Data()
        var headers: [String: String] = [:]
        var problem: String?

        init(sink: Sink) { self.sink = sink }

        func receive(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
            guard let data, count > 0 else { return 0 }
            switch sink {
            case .memory:
                guard body.count + count <= CurlTransfer.memoryLimit else {
                    problem = "the reply is larger than \(CurlTransfer.memoryLimit) bytes"
                    return 0  // any count but the one given aborts the transfer
                }
                body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count)
            case .file(let descriptor):
                var offset = 0
                while offset < count {
                    let written = write(descriptor, data + offset, count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else {
                        problem = "writing the downloaded blob failed: \(String(cString: strerror(errno)))"
                        return 0  // any count but the one given aborts the transfer
                    }
                    offset += written
                }
            }
            return count
        }

        /// A status line starts a new set of headers (a 100 Continue, a redirect): only the last is kept.
        func header(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
            guard let data else { return 0 }
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
            if line.hasPrefix("HTTP/") {
                headers = [:]
            } else if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return count
        }
    }
}
