import ArgumentParser
import Imaging
import PeekCore

/// Prints the signed path of a transform, for servers that set PEEK_TRANSFORM_KEY.
struct SignURLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-url",
        abstract: "Print /api/image/ID/t/SIGNATURE/OPTIONS, signed with PEEK_TRANSFORM_KEY.")

    @Argument(help: "The image id.")
    var id: String

    @Argument(help: "The steps, e.g. resize:fill:300:300/gravity:face/format:webp.")
    var options: String

    func run() throws {
        guard let key = try PeekConfiguration().transformKey else {
            throw ValidationError("PEEK_TRANSFORM_KEY is not set: this server serves unsigned transform paths")
        }
        let options = options.hasPrefix("/") ? String(options.dropFirst()) : options
        print("/api/image/\(id)/t/\(TransformSignature(key: key).sign(id: id, options: options))/\(options)")
    }
}
