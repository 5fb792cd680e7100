import Foundation
import Logging
import ModelPackage
import ModelService
import PeekCore
import PeekHTTP
import PeekStore

/// `/api/models/ID/versions…` (SPEC §11): a package upload is checked (`ModelPackage`: predict.py
/// at the root, no absolute or `..` paths, no links, the entry, size and compression limits)
/// before anything is stored, then stored with its build job; versions are read with their
/// build log; a ready version runs on an uploaded image (a queued job, answered 202).
public struct ModelVersionsHandler: Handler {
    let logger: Logger
    let configuration: PeekConfiguration
    let databases: DatabaseProvider
    let blobs: any BlobStore
    let wakeup: WakeupSignal

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.logger = logger
        self.configuration = configuration
        databases = DatabaseProvider(configuration: configuration)
        blobs = BlobStores.configured(configuration)
        wakeup = WakeupSignal(path: configuration.modelWakeupFIFO.path)
    }

    public func handle(_ request: Request) throws -> Response {
        let components = try ImagePath.components(of: request.path, after: "/api/models/")
        guard components.count >= 2, components[1] == "versions", components.count <= 4,
              components.count < 4 || components[3] == "jobs" else {
            throw RequestError.noSuchRoute(path: request.path, hint: "see the README's models section for the routes")
        }
        let database = try databases.get()
        let access = try ModelAccess(request, modelID: components[0], database: database)
        switch components.count {
        case 2:
            try request.requireMethod("GET", "POST")
            if request.method == "POST" { return try upload(request, access, database) }
            let versions = try database.models.versions(modelID: access.model.id).filter { access.isOwner || $0.status == .ready }
            return .json(.ok, encoding: ["versions": versions.map { VersionView($0, includeLog: false) }])
        case 3:
            try request.requireMethod("GET")
            return .json(.ok, encoding: VersionView(try access.version(components[2], in: database)))
        default:
            try request.requireMethod("POST")
            return try run(request, access, version: try access.version(components[2], in: database), database)
        }
    }

    private func upload(_ request: Request, _ access: ModelAccess, _ database: any DatabaseBackend) throws -> Response {
        try access.requireOwner()
        let version: ModelVersion = try ImageField.readingParts(request, configuration: configuration, maxParts: 8) { body, parts in
            guard let label = parts.first(where: { $0.name == "version" }) else { throw RequestError.missingField(name: "version") }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: body[label.body]), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...64).contains(text.count), text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._+-".contains($0)) }) else {
                throw RequestError.invalidField(name: "version", problem: "must be 1 to 64 characters of A-Z a-z 0-9 . _ + -")
            }
            guard let package = parts.first(where: { $0.name == "package" }) else { throw RequestError.missingField(name: "package") }
            let bytes = UnsafeRawBufferPointer(rebasing: body[package.body])
            guard !bytes.isEmpty else { throw RequestError.invalidPackage("the package file is empty") }
            do {
                _ = try ModelPackage(checking: Data(bytes))
            } catch let error as PackageError {
                throw RequestError.invalidPackage(error.description)
            }
            let version = ModelVersion(id: ImageID.generate(), modelID: access.model.id, version: text,
                                       packageSHA256: try blobs.store(bytes), createdAt: Date().timeIntervalSince1970)
            try database.models.addVersion(version, ownerID: access.user.id) { () throws(StoreError) in
                if !blobs.contains(version.packageSHA256) { _ = try blobs.store(bytes) }
            }
            return version
        }
        wakeup.notify()
        logger.info("model version uploaded", metadata: ["model.id": "\(access.model.id)", "version.id": "\(version.id)"])
        return .json(.accepted, encoding: ["version_id": version.id, "status": version.status.rawValue],
                     headers: [("Location", "/api/models/\(access.model.id)/versions/\(version.id)")])
    }

    private func run(_ request: Request, _ access: ModelAccess, version: ModelVersion,
                     _ database: any DatabaseBackend) throws -> Response {
        guard version.status == .ready else {
            throw RequestError.versionNotReady(building: version.status == .building, error: version.error)
        }
        let job: ModelJob = try ImageField.reading(request, configuration: configuration) { image in
            let job = ModelJob(id: ImageID.generate(), versionID: version.id, modelID: access.model.id, ownerID: access.user.id,
                               inputSHA256: try blobs.store(image.bytes), inputContentType: image.header.format.mimeType,
                               inputFilename: image.filename, createdAt: Date().timeIntervalSince1970)
            try database.models.addJob(job) { () throws(StoreError) in
                if !blobs.contains(job.inputSHA256) { _ = try blobs.store(image.bytes) }
            }
            return job
        }
        wakeup.notify()
        logger.info("model run queued", metadata: ["job.id": "\(job.id)", "version.id": "\(version.id)"])
        return .json(.accepted, encoding: ["job_id": job.id, "status": job.status.rawValue],
                     headers: [("Location", "/api/jobs/\(job.id)")])
    }
}
