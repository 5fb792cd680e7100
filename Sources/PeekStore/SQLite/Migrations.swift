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
        return migrator
    }
}
