/// The `albums`, `shares` and `share_unlocks` tables of a PostgreSQL database, and the album
/// photos among `images`.
struct PostgreSQLAlbumCatalog: AlbumCatalog {
    let pool: PostgreSQLPool

    private static let albumColumns = """
        albums.id, albums.owner_id, albums.title, albums.description, albums.cover_image_id, albums.created_at,
        albums.updated_at, (SELECT COUNT(*) FROM images WHERE images.album_id = albums.id) AS photo_count
        """
    private static let shareColumns = "id, album_id, token_hash, password_hash, expires_at, revoked, created_at"

    func createAlbum(_ album: Album) throws(StoreError) {
        try pool.withConnection { connection in
            try connection.execute("""
                INSERT INTO albums (id, owner_id, title, description, cover_image_id, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, [album.id, album.ownerID, album.title, album.description, album.coverImageID, album.createdAt,
                      album.updatedAt])
        }
    }

    func albums(ownerID: Int64) throws(StoreError) -> [Album] {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT \(Self.albumColumns) FROM albums WHERE owner_id = $1 ORDER BY created_at DESC, id
                """, [ownerID]).rows.map(Self.album)
        }
    }

    func album(_ id: String, ownerID: Int64) throws(StoreError) -> Album? {
        try pool.withConnection { connection in
            try connection.execute("SELECT \(Self.albumColumns) FROM albums WHERE id = $1 AND owner_id = $2",
                                   [id, ownerID]).first.map(Self.album)
        }
    }

    func album(_ id: String) throws(StoreError) -> Album? {
        try pool.withConnection { connection in
            try connection.execute("SELECT \(Self.albumColumns) FROM albums WHERE id = $1", [id]).first.map(Self.album)
        }
    }

    func updateAlbum(_ album: Album) throws(StoreError) -> Bool {
        try pool.withConnection { connection in
            // A cover must be one of the album's own photos.
            try connection.execute("""
                UPDATE albums SET title = $1, description = $2, updated_at = $3,
                    cover_image_id = (SELECT id FROM images WHERE id = $4 AND album_id = albums.id)
                WHERE id = $5 AND owner_id = $6
                """, [album.title, album.description, album.updatedAt, album.coverImageID, album.id, album.ownerID])
                .affectedRows == 1
        }
    }

    /// Oldest first; photos of one upload share their time and keep the order they were sent in,
    /// which their jobs' ids record (SQLite orders by rowid).
    func photos(albumID: String) throws(StoreError) -> [(image: ImageRecord, presets: [Preset])] {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT \(ImageRecord.postgreSQLColumns), \(PostgreSQLImageCatalog.presetsColumn)
                FROM images LEFT JOIN jobs ON jobs.image_id = images.id
                WHERE images.album_id = $1 ORDER BY images.created_at, jobs.id, images.id
                """, [albumID]).rows.map { row in (ImageRecord(postgreSQLRow: row), presets(fromRecipes: row["presets"])) }
        }
    }

    func createShare(_ share: Share) throws(StoreError) {
        try pool.withConnection { connection in
            try connection.execute("""
                INSERT INTO shares (id, album_id, token_hash, password_hash, expires_at, revoked, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, [share.id, share.albumID, share.tokenHash, share.passwordHash, share.expiresAt, share.revoked,
                      share.createdAt])
        }
    }

    func shares(albumID: String) throws(StoreError) -> [Share] {
        try pool.withConnection { connection in
            try connection.execute("SELECT \(Self.shareColumns) FROM shares WHERE album_id = $1 ORDER BY created_at, id",
                                   [albumID]).rows.map(Self.share)
        }
    }

    func share(_ id: String, albumID: String) throws(StoreError) -> Share? {
        try pool.withConnection { connection in
            try connection.execute("SELECT \(Self.shareColumns) FROM shares WHERE id = $1 AND album_id = $2",
                                   [id, albumID]).first.map(Self.share)
        }
    }

    func share(tokenHash: String) throws(StoreError) -> Share? {
        try pool.withConnection { connection in
            try connection.execute("SELECT \(Self.shareColumns) FROM shares WHERE token_hash = $1", [tokenHash])
                .first.map(Self.share)
        }
    }

    /// The share row is locked from the read to the write, as SQLite's write lock keeps it.
    func updateShare(_ id: String, albumID: String, change: ShareChange) throws(StoreError) -> Share? {
        try pool.transaction { connection in
            guard var share = try connection.execute("""
                SELECT \(Self.shareColumns) FROM shares WHERE id = $1 AND album_id = $2 FOR UPDATE
                """, [id, albumID]).first.map(Self.share) else { return nil }
            if let revoked = change.revoked { share.revoked = revoked }
            if let passwordHash = change.passwordHash { share.passwordHash = passwordHash }
            if let expiresAt = change.expiresAt { share.expiresAt = expiresAt }
            try connection.execute("UPDATE shares SET revoked = $1, password_hash = $2, expires_at = $3 WHERE id = $4",
                                   [share.revoked, share.passwordHash, share.expiresAt, id])
            if change.endsUnlocks {
                try connection.execute("DELETE FROM share_unlocks WHERE share_id = $1", [id])
            }
            return share
        }
    }

    func deleteShare(_ id: String, albumID: String) throws(StoreError) -> Bool {
        try pool.withConnection { connection in
            try connection.execute("DELETE FROM shares WHERE id = $1 AND album_id = $2", [id, albumID]).affectedRows == 1
        }
    }

    func recordUnlock(tokenHash: String, shareID: String, expiresAt: Double) throws(StoreError) {
        try pool.withConnection { connection in
            try connection.execute("""
                WITH forgotten AS (DELETE FROM share_unlocks WHERE expires_at < $3::double precision - \(86_400 * 365))
                INSERT INTO share_unlocks (token_hash, share_id, expires_at) VALUES ($1, $2, $3)
                """, [tokenHash, shareID, expiresAt])
        }
    }

    func isUnlocked(tokenHash: String, shareID: String, at time: Double) throws(StoreError) -> Bool {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT EXISTS (SELECT 1 FROM share_unlocks WHERE token_hash = $1 AND share_id = $2 AND expires_at > $3)
                    AS unlocked
                """, [tokenHash, shareID, time]).first!["unlocked"]
        }
    }

    private static func album(_ row: PostgreSQLRow) -> Album {
        Album(id: row["id"], ownerID: row["owner_id"], title: row["title"], description: row["description"],
              coverImageID: row["cover_image_id"], createdAt: row["created_at"], updatedAt: row["updated_at"],
              photoCount: row["photo_count"])
    }

    private static func share(_ row: PostgreSQLRow) -> Share {
        Share(id: row["id"], albumID: row["album_id"], tokenHash: row["token_hash"], passwordHash: row["password_hash"],
              expiresAt: row["expires_at"], revoked: row["revoked"], createdAt: row["created_at"])
    }
}
