import GRDB

/// The `models`, `model_versions`, `model_jobs` and `model_job_outputs` tables of a SQLite
/// database, as owners read and add to them.
struct SQLiteModelCatalog: ModelCatalog {
    let writer: DatabaseQueue

    static let jobColumns = """
        model_jobs.public_id, model_jobs.version_id, model_versions.model_id, model_jobs.owner_id,
        model_jobs.input_sha256, model_jobs.input_content_type, model_jobs.input_filename, model_jobs.state,
        model_jobs.result, model_jobs.log, model_jobs.error, model_jobs.ms, model_jobs.enqueued_at, model_jobs.finished_at
        """

    func createModel(_ model: Model) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO models (id, owner_id, name, description, public, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [model.id, model.ownerID, model.name, model.description, model.isPublic, model.createdAt])
            }
        }
    }

    func models(visibleTo ownerID: Int64) throws(StoreError) -> [Model] {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchAll(db, sql: """
                    SELECT * FROM models WHERE owner_id = ? OR public = 1 ORDER BY created_at DESC, id
                    """, arguments: [ownerID]).map(Self.model)
            }
        }
    }

    func model(_ id: String, visibleTo ownerID: Int64) throws(StoreError) -> Model? {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchOne(db, sql: "SELECT * FROM models WHERE id = ? AND (owner_id = ? OR public = 1)",
                                 arguments: [id, ownerID]).map(Self.model)
            }
        }
    }

    func addVersion(_ version: ModelVersion, ownerID: Int64,
                    confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) {
        try translatingErrors {
            do {
                try writer.write { db in
                    try db.execute(sql: """
                        INSERT INTO model_versions (id, model_id, version, package_sha256, status, created_at)
                        VALUES (?, ?, ?, ?, 'building', ?)
                        """, arguments: [version.id, version.modelID, version.version, version.packageSHA256, version.createdAt])
                    try db.execute(sql: """
                        INSERT INTO model_jobs (public_id, kind, version_id, owner_id, enqueued_at) VALUES (?, 'build', ?, ?, ?)
                        """, arguments: [version.id, version.id, ownerID, version.createdAt])
                    try confirmBlobs()
                }
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw StoreError.conflict("version \(version.version) of this model")
            }
        }
    }

    func version(_ id: String, modelID: String) throws(StoreError) -> ModelVersion? {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchOne(db, sql: "SELECT * FROM model_versions WHERE id = ? AND model_id = ?",
                                 arguments: [id, modelID]).map(Self.version)
            }
        }
    }

    func versions(modelID: String) throws(StoreError) -> [ModelVersion] {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchAll(db, sql: """
                    SELECT id, model_id, version, package_sha256, status, '' AS build_log, error, created_at, finished_at
                    FROM model_versions WHERE model_id = ? ORDER BY created_at DESC, id
                    """, arguments: [modelID]).map(Self.version)
            }
        }
    }

    func addJob(_ job: ModelJob, confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO model_jobs (public_id, kind, version_id, owner_id, input_sha256, input_content_type,
                                            input_filename, enqueued_at)
                    VALUES (?, 'run', ?, ?, ?, ?, ?, ?)
                    """, arguments: [job.id, job.versionID, job.ownerID, job.inputSHA256, job.inputContentType,
                                     job.inputFilename, job.createdAt])
                try confirmBlobs()
            }
        }
    }

    func job(_ id: String, ownerID: Int64) throws(StoreError) -> ModelJob? {
        try translatingErrors {
            try writer.inDatabase { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT model_jobs.id AS row_id, \(Self.jobColumns) FROM model_jobs
                    JOIN model_versions ON model_versions.id = model_jobs.version_id
                    WHERE model_jobs.public_id = ? AND model_jobs.owner_id = ? AND model_jobs.kind = 'run'
                    """, arguments: [id, ownerID]) else { return nil }
                var job = Self.job(row)
                job.outputs = try Row.fetchAll(db, sql: """
                    SELECT * FROM model_job_outputs WHERE job_id = ? ORDER BY name
                    """, arguments: [row["row_id"] as Int64]).map {
                    ModelJobOutput(name: $0["name"], blobSHA256: $0["blob_sha256"], contentType: $0["content_type"],
                                   byteSize: $0["byte_size"])
                }
                return job
            }
        }
    }

    func jobs(ownerID: Int64, limit: Int) throws(StoreError) -> [ModelJob] {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchAll(db, sql: """
                    SELECT \(Self.jobColumns) FROM model_jobs
                    JOIN model_versions ON model_versions.id = model_jobs.version_id
                    WHERE model_jobs.owner_id = ? AND model_jobs.kind = 'run'
                    ORDER BY model_jobs.id DESC LIMIT ?
                    """, arguments: [ownerID, limit]).map(Self.job)
            }
        }
    }

    private static func model(_ row: Row) -> Model {
        Model(id: row["id"], ownerID: row["owner_id"], name: row["name"], description: row["description"],
              isPublic: row["public"], createdAt: row["created_at"])
    }

    private static func version(_ row: Row) -> ModelVersion {
        ModelVersion(id: row["id"], modelID: row["model_id"], version: row["version"], packageSHA256: row["package_sha256"],
                     status: ModelVersion.Status(rawValue: row["status"]) ?? .failed, buildLog: row["build_log"],
                     error: row["error"], createdAt: row["created_at"], finishedAt: row["finished_at"])
    }

    private static func job(_ row: Row) -> ModelJob {
        ModelJob(id: row["public_id"], versionID: row["version_id"], modelID: row["model_id"], ownerID: row["owner_id"],
                 inputSHA256: row["input_sha256"] ?? "", inputContentType: row["input_content_type"] ?? "",
                 inputFilename: row["input_filename"], status: ModelJob.Status(rawValue: row["state"]) ?? .failed,
                 resultJSON: row["result"], log: row["log"], error: row["error"], milliseconds: row["ms"],
                 createdAt: row["enqueued_at"], finishedAt: row["finished_at"])
    }
}
