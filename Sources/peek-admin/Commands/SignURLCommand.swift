import ArgumentParser
import Imaging
import PeekCore

/// Prints the signed path of a transform, for servers that set PEEK_TRANSFORM_KEY.
struct SignURLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-url",
        abstract: "Print /api/image/ID/t/SIGNATURE/OPTIONS, signed with PEEK_TRANSFORM_KEY.")

    /// Taken as they come: an image id may begin with `-` and must not be read as an option.
    @Argument(parsing: .allUnrecognized, help: "The image id, then the steps, e.g. resize:fill:300:300/gravity:face/format:webp.")
    var words: [String] = []

    func validate() throws {
        guard words.count == 2 else { throw ValidationError("give the image id and the steps: sign-url ID OPTIONS") }
    }

    func run() throws {
        let (id, steps) = (words[0], words[1])
        guard let key = try PeekConfiguration().transformKey else {
            throw ValidationError("PEEK_TRANSFORM_KEY is not set: this server serves unsigned transform paths")
        }
        let options = steps.hasPrefix("/") ? String(steps.dropFirst()) : steps
        print("/api/image/\(id)/t/\(TransformSignature(key: key).sign(id: id, options: options))/\(options)")
    }
}
