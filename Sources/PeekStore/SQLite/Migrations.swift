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
        return migrator
    }
}
