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

    public func respond(to request: Request) -> Data {
        let response: Response
        do {
            response = try handler.handle(request)
        } catch {
            let failure = PublicError(error)
            if failure.status.rawValue >= 500 {
                logger.error("request failed", metadata: [
                    "request.id": "\(request.requestID)", "status": "\(failure.status.rawValue)",
                    "error": "\(failure.message)", "detail": "\(failure.detail ?? "")",
                ])
            }
            response = .error(failure)
        }
        return response.serialized(includeBody: request.method != "HEAD")
    }
}
