/// The `models`, `model_versions`, `model_jobs` and `model_job_outputs` tables of a PostgreSQL
/// database, as owners read and add to them. New rows confirm their blobs under the blobs'
/// advisory locks, as uploads do.
struct PostgreSQLModelCatalog: ModelCatalog {
    let pool: PostgreSQLPool

    static let modelColumns = "id, owner_id, name, description, public, created_at"
    static let versionColumns = "id, model_id, version, package_sha256, status, error, created_at, finished_at"
    static let jobColumns = """
        model_jobs.public_id, model_jobs.version_id, model_versions.model_id, model_jobs.owner_id,
        model_jobs.input_sha256, model_jobs.input_content_type, model_jobs.input_filename, model_jobs.state,
        model_jobs.result, model_jobs.log, model_jobs.error, model_jobs.ms, model_jobs.enqueued_at, model_jobs.finished_at
        """

    func createModel(_ model: Model) throws(StoreError) {
        try pool.withConnection { connection in
            try connection.execute("""
                INSERT INTO models (id, owner_id, name, description, public, created_at) VALUES ($1, $2, $3, $4, $5, $6)
                """, [model.id, model.ownerID, model.name, model.description, model.isPublic, model.createdAt])
        }
    }

    func models(visibleTo ownerID: Int64) throws(StoreError) -> [Model] {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT \(Self.modelColumns) FROM models WHERE owner_id = $1 OR public ORDER BY created_at DESC, id
                """, [ownerID]).rows.map(Self.model)
        }
    }

    func model(_ id: String, visibleTo ownerID: Int64) throws(StoreError) -> Model? {
        try pool.withConnection { connection in
            try connection.execute("SELECT \(Self.modelColumns) FROM models WHERE id = $1 AND (owner_id = $2 OR public)",
                                   [id, ownerID]).first.map(Self.model)
        }
    }

    func addVersion(_ version: ModelVersion, ownerID: Int64,
                    confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) {
        try pool.withConnection { connection in
            do {
                try connection.transaction {
                    try connection.execute("""
                        INSERT INTO model_versions (id, model_id, version, package_sha256, status, created_at)
                        VALUES ($1, $2, $3, $4, 'building', $5)
                        """, [version.id, version.modelID, version.version, version.packageSHA256, version.createdAt])
                    try connection.execute("""
                        INSERT INTO model_jobs (public_id, kind, version_id, owner_id, enqueued_at) VALUES ($1, 'build', $1, $2, $3)
                        """, [version.id, ownerID, version.createdAt])
                    try PostgreSQLLocks.lockBlobs([version.packageSHA256], on: connection)
                    try connection.execute("SELECT pg_notify($1, '')", [PostgreSQLJobQueue.channel])
                    try confirmBlobs()
                }
            } catch let error as PostgreSQLError where error.sqlState == PostgreSQLError.uniqueViolation {
                throw StoreError.conflict("version \(version.version) of this model")
            }
        }
    }

    func version(_ id: String, modelID: String) throws(StoreError) -> ModelVersion? {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT \(Self.versionColumns), build_log FROM model_versions WHERE id = $1 AND model_id = $2
                """, [id, modelID]).first.map(Self.version)
        }
    }

    func versions(modelID: String) throws(StoreError) -> [ModelVersion] {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT \(Self.versionColumns), '' AS build_log FROM model_versions WHERE model_id = $1
                ORDER BY created_at DESC, id
                """, [modelID]).rows.map(Self.version)
        }
    }

    func addJob(_ job: ModelJob, confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) {
        try pool.transaction { connection in
            try connection.execute("""
                INSERT INTO model_jobs (public_id, kind, version_id, owner_id, input_sha256, input_content_type,
                                        input_filename, enqueued_at)
                VALUES ($1, 'run', $2, $3, $4, $5, $6, $7)
                """, [job.id, job.versionID, job.ownerID, job.inputSHA256, job.inputContentType, job.inputFilename,
                      job.createdAt])
            try PostgreSQLLocks.lockBlobs([job.inputSHA256], on: connection)
            try connection.execute("SELECT pg_notify($1, '')", [PostgreSQLJobQueue.channel])
            try confirmBlobs()
        }
    }

    func job(_ id: String, ownerID: Int64) throws(StoreError) -> ModelJob? {
        try pool.withConnection { connection in
            guard let row = try connection.execute("""
                SELECT model_jobs.id AS row_id, \(Self.jobColumns) FROM model_jobs
                JOIN model_versions ON model_versions.id = model_jobs.version_id
                WHERE model_jobs.public_id = $1 AND model_jobs.owner_id = $2 AND model_jobs.kind = 'run'
                """, [id, ownerID]).first else { return nil }
            var job = Self.job(row)
            job.outputs = try connection.execute("""
                SELECT name, blob_sha256, content_type, byte_size FROM model_job_outputs WHERE job_id = $1 ORDER BY name
                """, [row["row_id"] as Int64]).rows.map {
                ModelJobOutput(name: $0["name"], blobSHA256: $0["blob_sha256"], contentType: $0["content_type"],
                               byteSize: $0["byte_size"])
            }
            return job
        }
    }

    func jobs(ownerID: Int64, limit: Int) throws(StoreError) -> [ModelJob] {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT \(Self.jobColumns) FROM model_jobs
                JOIN model_versions ON model_versions.id = model_jobs.version_id
                WHERE model_jobs.owner_id = $1 AND model_jobs.kind = 'run'
                ORDER BY model_jobs.id DESC LIMIT $2
                """, [ownerID, limit]).rows.map(Self.job)
        }
    }

    private static func model(_ row: PostgreSQLRow) -> Model {
        Model(id: row["id"], ownerID: row["owner_id"], name: row["name"], description: row["description"],
              isPublic: row["public"], createdAt: row["created_at"])
    }

    private static func version(_ row: PostgreSQLRow) -> ModelVersion {
        ModelVersion(id: row["id"], modelID: row["model_id"], version: row["version"], packageSHA256: row["package_sha256"],
                     status: ModelVersion.Status(rawValue: row["status"]) ?? .failed, buildLog: row["build_log"],
                     error: row["error"], createdAt: row["created_at"], finishedAt: row["finished_at"])
    }

    private static func job(_ row: PostgreSQLRow) -> ModelJob {
        ModelJob(id: row["public_id"], versionID: row["version_id"], modelID: row["model_id"], ownerID: row["owner_id"],
                 inputSHA256: row["input_sha256"] ?? "", inputContentType: row["input_content_type"] ?? "",
                 inputFilename: row["input_filename"], status: ModelJob.Status(rawValue: row["state"]) ?? .failed,
                 resultJSON: row["result"], log: row["log"], error: row["error"], milliseconds: row["ms"],
                 createdAt: row["enqueued_at"], finishedAt: row["finished_at"])
    }
}
