import GRDB

/// The schema's history. Shipped migrations are never edited: change the schema with a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-images-jobs-workers") { db in
            try db.execute(sql: """
                CREATE TABLE images (
                    id                TEXT PRIMARY KEY NOT NULL,
                    blob_sha256       TEXT NOT NULL,
                    content_type      TEXT NOT NULL,
                    format            TEXT NOT NULL,
                    byte_size         INTEGER NOT NULL,
                    width             INTEGER NOT NULL,
                    height            INTEGER NOT NULL,
                    original_filename TEXT,
                    created_at        REAL NOT NULL,
                    status            TEXT NOT NULL DEFAULT 'processing'
                                      CHECK (status IN ('processing', 'completed', 'failed')),
                    insights          TEXT,
                    error             TEXT,
                    annotated_sha256  TEXT,
                    processing_ms     INTEGER,
                    completed_at      REAL
                );
                CREATE INDEX images_blob ON images(blob_sha256);

                CREATE TABLE jobs (
                    id               INTEGER PRIMARY KEY AUTOINCREMENT,
                    image_id         TEXT NOT NULL UNIQUE REFERENCES images(id) ON DELETE CASCADE,
                    state            TEXT NOT NULL DEFAULT 'queued'
                                     CHECK (state IN ('queued', 'running', 'done', 'failed')),
                    attempts         INTEGER NOT NULL DEFAULT 0,
                    lease_owner      TEXT,
                    lease_expires_at REAL,
                    enqueued_at      REAL NOT NULL,
                    started_at       REAL,
                    finished_at      REAL,
                    last_error       TEXT
                );
                CREATE INDEX jobs_state ON jobs(state, lease_expires_at);

                CREATE TABLE workers (
                    id           TEXT PRIMARY KEY NOT NULL,
                    pid          INTEGER NOT NULL,
                    started_at   REAL NOT NULL,
                    heartbeat_at REAL NOT NULL,
                    current_job  INTEGER,
                    jobs_done    INTEGER NOT NULL DEFAULT 0
                );
                """)
        }
        // Fairness between clients: jobs are claimed by their rank in their client's backlog.
        migrator.registerMigration("v2-job-clients") { db in
            try db.execute(sql: """
                ALTER TABLE jobs ADD COLUMN client TEXT NOT NULL DEFAULT '';
                ALTER TABLE jobs ADD COLUMN client_rank INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX jobs_client ON jobs(client, state);
                CREATE INDEX jobs_claim ON jobs(state, client_rank, id);
                """)
        }
        // Thumbnails, web copies and transforms, shared by every image of the same source blob.
        migrator.registerMigration("v3-renditions") { db in
            try db.execute(sql: """
                CREATE TABLE renditions (
                    source_sha256 TEXT NOT NULL,
                    recipe        TEXT NOT NULL,
                    blob_sha256   TEXT NOT NULL,
                    content_type  TEXT NOT NULL,
                    width         INTEGER NOT NULL,
                    height        INTEGER NOT NULL,
                    byte_size     INTEGER NOT NULL,
                    created_at    REAL NOT NULL,
                    PRIMARY KEY (source_sha256, recipe)
                );
                CREATE INDEX renditions_blob ON renditions(blob_sha256);
                """)
        }
        // Owners: accounts, sessions, API tokens, albums of their photos, share links, and the
        // failed attempts the login and unlock limits count. Secrets are stored only as hashes.
        migrator.registerMigration("v4-owners") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    id            INTEGER PRIMARY KEY AUTOINCREMENT,
                    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    password_hash TEXT NOT NULL,
                    created_at    REAL NOT NULL
                );
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    created_at REAL NOT NULL,
                    expires_at REAL NOT NULL
                );
                CREATE INDEX sessions_user ON sessions(user_id);
                CREATE TABLE api_tokens (
                    id           TEXT PRIMARY KEY NOT NULL,
                    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    name         TEXT NOT NULL,
                    token_hash   TEXT NOT NULL UNIQUE,
                    created_at   REAL NOT NULL,
                    last_used_at REAL
                );
                CREATE INDEX api_tokens_user ON api_tokens(user_id);
                CREATE TABLE albums (
                    id             TEXT PRIMARY KEY NOT NULL,
                    owner_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    title          TEXT NOT NULL,
                    description    TEXT NOT NULL DEFAULT '',
                    cover_image_id TEXT REFERENCES images(id) ON DELETE SET NULL,
                    created_at     REAL NOT NULL,
                    updated_at     REAL NOT NULL
                );
                CREATE INDEX albums_owner ON albums(owner_id, created_at);
                ALTER TABLE images ADD COLUMN owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
                ALTER TABLE images ADD COLUMN album_id TEXT REFERENCES albums(id);
                ALTER TABLE images ADD COLUMN delete_token_hash TEXT;
                CREATE INDEX images_album ON images(album_id, created_at);
                CREATE INDEX images_owner ON images(owner_id);
                CREATE INDEX images_created ON images(created_at);
                CREATE INDEX images_annotated ON images(annotated_sha256);
                CREATE TABLE shares (
                    id            TEXT PRIMARY KEY NOT NULL,
                    album_id      TEXT NOT NULL REFERENCES albums(id) ON DELETE CASCADE,
                    token_hash    TEXT NOT NULL UNIQUE,
                    password_hash TEXT,
                    expires_at    REAL,
                    revoked       INTEGER NOT NULL DEFAULT 0,
                    created_at    REAL NOT NULL
                );
                CREATE INDEX shares_album ON shares(album_id);
                CREATE TABLE share_unlocks (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    share_id   TEXT NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
                    expires_at REAL NOT NULL
                );
                CREATE INDEX share_unlocks_share ON share_unlocks(share_id);
                CREATE TABLE failed_attempts (
                    scope TEXT NOT NULL,
                    key   TEXT NOT NULL,
                    at    REAL NOT NULL
                );
                CREATE INDEX failed_attempts_key ON failed_attempts(scope, key, at);
                """)
        }
        // The analysis pipeline's version with each completed analysis: identical bytes analysed
        // once are reused only by the same version (PipelineVersion).
        migrator.registerMigration("v5-pipeline-version") { db in
            try db.execute(sql: """
                ALTER TABLE images ADD COLUMN pipeline_version TEXT;
                """)
        }
        // Models (SPEC §11): owners' packages, their versions and builds, and runs on images.
        // Builds and runs share one job table with the analysis queue's lease semantics.
        migrator.registerMigration("v6-models") { db in
            try db.execute(sql: """
                CREATE TABLE models (
                    id          TEXT PRIMARY KEY NOT NULL,
                    owner_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    name        TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    public      INTEGER NOT NULL DEFAULT 0,
                    created_at  REAL NOT NULL
                );
                CREATE INDEX models_owner ON models(owner_id, created_at);
                CREATE INDEX models_public ON models(public, created_at);
                CREATE TABLE model_versions (
                    id             TEXT PRIMARY KEY NOT NULL,
                    model_id       TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
                    version        TEXT NOT NULL,
                    package_sha256 TEXT NOT NULL,
                    status         TEXT NOT NULL DEFAULT 'building' CHECK (status IN ('building', 'ready', 'failed')),
                    build_log      TEXT NOT NULL DEFAULT '',
                    error          TEXT,
                    created_at     REAL NOT NULL,
                    finished_at    REAL,
                    UNIQUE (model_id, version)
                );
                CREATE INDEX model_versions_package ON model_versions(package_sha256);
                CREATE TABLE model_jobs (
                    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
                    public_id          TEXT NOT NULL UNIQUE,
                    kind               TEXT NOT NULL CHECK (kind IN ('build', 'run')),
                    version_id         TEXT NOT NULL REFERENCES model_versions(id) ON DELETE CASCADE,
                    owner_id           INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    input_sha256       TEXT,
                    input_content_type TEXT,
                    input_filename     TEXT,
                    state              TEXT NOT NULL DEFAULT 'queued'
                                       CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
                    attempts           INTEGER NOT NULL DEFAULT 0,
                    lease_owner        TEXT,
                    lease_expires_at   REAL,
                    enqueued_at        REAL NOT NULL,
                    started_at         REAL,
                    finished_at        REAL,
                    result             TEXT,
                    log                TEXT NOT NULL DEFAULT '',
                    error              TEXT,
                    ms                 INTEGER
                );
                CREATE INDEX model_jobs_claim ON model_jobs(state, id);
                CREATE INDEX model_jobs_owner ON model_jobs(owner_id, kind, enqueued_at);
                CREATE INDEX model_jobs_input ON model_jobs(input_sha256);
                CREATE TABLE model_job_outputs (
                    job_id       INTEGER NOT NULL REFERENCES model_jobs(id) ON DELETE CASCADE,
                    name         TEXT NOT NULL,
                    blob_sha256  TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    byte_size    INTEGER NOT NULL,
                    PRIMARY KEY (job_id, name)
                );
                CREATE INDEX model_job_outputs_blob ON model_job_outputs(blob_sha256);
                """)
        }
        return migrator
    }
}
