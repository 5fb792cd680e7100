import CFastCGI
import Foundation
import Logging

/// Runs one handler as a FastCGI pool member under spawn-fcgi, or once as a CGI program:
/// libfcgi tells which by looking at how standard input was set up.
public enum FunctionHost {
    public static func run(name: String, makeHandler: (PeekConfiguration, Logger) -> Handler) -> Never {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
        var logger = Logger(label: name)
        let configuration: PeekConfiguration
        do {
            configuration = try PeekConfiguration()
        } catch {
            logger.critical("invalid configuration", metadata: ["error": "\(error)"])
            if FCGX_IsCGI() != 0 {
                writeStandardOutput(Response.error(.internal(detail: "\(error)")).serialized())
            }
            exit(78)  // EX_CONFIG
        }
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let handler = makeHandler(configuration, logger)
        let responder = Responder(handler: handler, logger: logger)
        if FCGX_IsCGI() != 0 {
            runOnceAsCGI(responder)
        }
        serveFastCGI(responder, logger: logger)
    }

    private static func runOnceAsCGI(_ responder: Responder) -> Never {
        let body = BodyStream { buffer in Glibc.read(0, buffer.baseAddress, buffer.count) }
        let request = Request(parameters: ProcessInfo.processInfo.environment, bodyStream: body)
        writeStandardOutput(responder.respond(to: request))
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
            GracefulStop.busy = 1
            let input = request.pointee.in
            let body = BodyStream { buffer in
                Int(FCGX_GetStr(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), input))
            }
            let wire = responder.respond(to: Request(parameters: parameters(request.pointee.envp), bodyStream: body))
            wire.withUnsafeBytes { bytes in
                _ = FCGX_PutStr(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), request.pointee.out)
            }
            FCGX_Finish_r(request)
            GracefulStop.busy = 0
            if GracefulStop.requested != 0 { exit(0) }
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

    private static func writeStandardOutput(_ data: Data) {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// Turns whatever a handler does, including throwing, into the bytes of a JSON HTTP response.
struct Responder {
    let handler: Handler
    let logger: Logger

    func respond(to request: Request) -> Data {
        let response: Response
        do {
            response = try handler.handle(request)
        } catch let error as PeekError {
            if error.status.rawValue >= 500 {
                logger.error("request failed", metadata: ["request.id": "\(request.requestID)", "error": "\(error)"])
            }
            response = .error(error)
        } catch {
            logger.error("unexpected error", metadata: ["request.id": "\(request.requestID)", "error": "\(error)"])
            response = .error(.internal(detail: "\(error)"))
        }
        return response.serialized(includeBody: request.method != "HEAD")
    }
}

/// SIGTERM, SIGINT and SIGUSR1 (multiwatch's and libfcgi's stop signals) end the process at once
/// when it is idle, or right after the request in hand: a stop never cuts a response short, and
/// never goes through the runtime's crash reporter, which would take seconds.
enum GracefulStop {
    static var busy: Int32 = 0
    static var requested: Int32 = 0

    static func install() {
        // Globals initialise lazily; touch them now, never for the first time inside a handler.
        busy = 0
        requested = 0
        for signalNumber in [SIGTERM, SIGINT, SIGUSR1] {
            signal(signalNumber) { _ in
                GracefulStop.requested = 1
                if GracefulStop.busy == 0 { _exit(0) }
            }
        }
    }
}
