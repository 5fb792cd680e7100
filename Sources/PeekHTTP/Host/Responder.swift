import Foundation
import Logging

/// Turns whatever a handler does, including throwing, into the bytes of a JSON HTTP response.
public struct Responder {
    let handler: any Handler
    let logger: Logger

    public init(handler: any Handler, logger: Logger) {
        self.handler = handler
        self.logger = logger
    }

    /// The whole response at once (tests, and answers without a streamed body).
    public func respond(to request: Request) -> Data {
        var wire = Data()
        respond(to: request) { wire.append($0); return true }
        return wire
    }

    /// Writes the response to `output`, which answers false once the client is gone.
    public func respond(to request: Request, output: @escaping (Data) -> Bool) {
        let response: Response
        do {
            response = try handler.handle(request)
        } catch {
            response = .error(failure(error, of: request))
        }
        let includeBody = request.method != "HEAD"
        guard output(response.serialized(includeBody: includeBody)), includeBody, let stream = response.stream else { return }
        do {
            try stream(BodyWriter(output: output))
        } catch ResponseError.clientGone {
            logger.info("client went away during a streamed answer", metadata: ["request.id": "\(request.requestID)"])
        } catch {
            // The head is sent: the client sees a cut body (a ZIP without its directory), and the log says why.
            _ = failure(error, of: request, streaming: true)
        }
    }

    private func failure(_ error: any Error, of request: Request, streaming: Bool = false) -> PublicError {
        let failure = PublicError(error)
        if failure.status.rawValue >= 500 || streaming {
            logger.error(streaming ? "streamed answer failed" : "request failed", metadata: [
                "request.id": "\(request.requestID)", "status": "\(failure.status.rawValue)",
                "error": "\(failure.message)", "detail": "\(failure.detail ?? "")",
            ])
        }
        return failure
    }
}
