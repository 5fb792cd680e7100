import Imaging
import PeekHTTP

extension RequestError {
    /// The request error a refused or failed transform is answered as.
    init(_ error: TransformError) {
        switch error {
        case .badStep, .tooManySteps, .outputTooLarge:
            self = .invalidTransform(error.description)
        case .sourceTooLarge:
            self = .transformSourceTooLarge(error.description)
        case .unsupportedSource:
            self = .invalidTransform(error.description)
        case .undecodableSource:
            self = .undecodableImage(error.description)
        case .processingFailed, .invalidConfiguration:
            self = .transformFailed(detail: error.internalDetail ?? error.description)
        }
    }
}
