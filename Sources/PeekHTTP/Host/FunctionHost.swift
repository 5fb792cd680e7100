import CFastCGI
import Foundation
import Logging
import PeekCore

/// Runs one handler as a FastCGI pool member under spawn-fcgi, or once as a CGI program:
/// libfcgi tells which by looking at how standard input was set up.
public enum FunctionHost {
    public static func run(name: String, makeHandler: (PeekConfiguration, Logger) -> any Handler) -> Never {
        let configuration: PeekConfiguration
        do {
            configuration = try PeekConfiguration()
        } catch {
            let logger = PeekLogging.logger(label: name, level: "info")
            logger.critical("invalid configuration", metadata: ["error": "\(error)"])
            if FCGX_IsCGI() != 0 {
                writeStandardOutput(Response.error(PublicError(error)).serialized())
            }
            exit(78)  // EX_CONFIG
        }
        let logger = PeekLogging.logger(label: name, level: configuration.logLevel)
        let responder = Responder(handler: makeHandler(configuration, logger), logger: logger)
        if FCGX_IsCGI() != 0 {
            runOnceAsCGI(responder)
        }
        serveFastCGI(responder, logger: logger)
    }

    private static func runOnceAsCGI(_ responder: Responder) -> Never {
        let body = BodyStream { buffer in Glibc.read(0, buffer.baseAddress, buffer.count) }
        let request = Request(parameters: ProcessInfo.processInfo.environment, bodyStream: body)
        responder.respond(to: request) { data in
            (try? SystemCall.writeAll(1, data, path: "standard output")) != nil
        }
        exit(0)
    }

    private static func serveFastCGI(_ responder: Responder, logger: Logger) -> Never {
        guard FCGX_Init() == 0 else {
            logger.critical("FCGX_Init failed")
            exit(1)
        }
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        FCGX_InitRequest(request, 0, 0)
        GracefulStop.install()
        while FCGX_Accept_r(request) >= 0 {
            GracefulStop.serving {
                let input = request.pointee.in
                let body = BodyStream { buffer in
                    Int(FCGX_GetStr(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), input))
                }
                let output = request.pointee.out
                responder.respond(to: Request(parameters: parameters(request.pointee.envp), bodyStream: body)) { data in
                    data.withUnsafeBytes { bytes in
                        FCGX_PutStr(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), output)
                            == Int32(bytes.count)
                    }
                }
                FCGX_Finish_r(request)
            }
        }
        logger.info("FastCGI accept loop ended")
        exit(0)
    }

    private static func parameters(_ envp: FCGX_ParamArray?) -> [String: String] {
        var result: [String: String] = [:]
        guard var cursor = envp else { return result }
        while let entry = cursor.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            cursor += 1
        }
        return result
    }

    /// A CGI answer whose reader went away is simply lost; there is nobody left to tell.
    private static func writeStandardOutput(_ data: Data) {
        try? SystemCall.writeAll(1, data, path: "standard output")
    }
}
