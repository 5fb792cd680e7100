import Access
import Foundation
import ModelService
import PeekCore
import PeekHTTP
import PeekStore

/// `/api/jobs`, `/api/jobs/JID` and `/api/jobs/JID/outputs/NAME` (SPEC §11) for the owner who
/// asked for the runs: anyone else's job answers as an unknown id does. Outputs are sent by nginx
/// (`X-Accel-Redirect`), never through this process.
public struct ModelJobsHandler: Handler {
    /// The most jobs a list holds, newest first.
    static let listLimit = 100

    let databases: DatabaseProvider
    let blobs: any BlobStore

    public init(configuration: PeekConfiguration) {
        databases = DatabaseProvider(configuration: configuration)
        blobs = BlobStores.configured(configuration)
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("GET")
        let database = try databases.get()
        let (user, _) = try Authenticator(accounts: database.accounts).owner(of: request)
        guard let rest = ImagePath.remainder(of: request.path, after: "/api/jobs"), rest.isEmpty || rest.hasPrefix("/") else {
            throw RequestError.noSuchRoute(path: request.path)
        }
        if rest.isEmpty || rest == "/" {
            let jobs = try database.models.jobs(ownerID: user.id, limit: Self.listLimit)
            let list = JSON.array(jobs.map { JobView($0, includeLog: false).encoded })
            return .json(.ok, JSON.inserting(String(decoding: list, as: UTF8.self), as: "jobs", into: Data("{}".utf8)))
        }
        let components = try ImagePath.components(of: request.path, after: "/api/jobs/")
        guard components.count == 1 || (components.count == 3 && components[1] == "outputs") else {
            throw RequestError.noSuchRoute(path: request.path, hint: "use /api/jobs/JID or /api/jobs/JID/outputs/NAME")
        }
        guard ImageID.isValid(components[0]), let job = try database.models.job(String(components[0]), ownerID: user.id) else {
            throw RequestError.notFound("job with id \(components[0])")
        }
        if components.count == 1 { return .json(.ok, JobView(job).encoded) }
        guard let output = job.outputs.first(where: { $0.name == components[2] }) else {
            throw RequestError.notFound("output named \(components[2]) of this job")
        }
        return try .blob(output.blobSHA256, in: blobs, contentType: output.contentType, filename: output.name,
                         privacy: .private)
    }
}
