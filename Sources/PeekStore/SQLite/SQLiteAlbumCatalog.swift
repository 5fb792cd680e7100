import GRDB

/// The `albums`, `shares` and `share_unlocks` tables of a SQLite database, and the album photos
/// among `images`.
struct SQLiteAlbumCatalog: AlbumCatalog {
    let writer: DatabaseQueue

    private static let albumColumns = """
        albums.*, (SELECT COUNT(*) FROM images WHERE images.album_id = albums.id) AS photo_count
        """

    func createAlbum(_ album: Album) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO albums (id, owner_id, title, description, cover_image_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [album.id, album.ownerID, album.title, album.description, album.coverImageID,
                                     album.createdAt, album.updatedAt])
            }
        }
    }

    func albums(ownerID: Int64) throws(StoreError) -> [Album] {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchAll(db, sql: """
                    SELECT \(Self.albumColumns) FROM albums WHERE owner_id = ? ORDER BY created_at DESC, id
                    """, arguments: [ownerID]).map(Self.album)
            }
        }
    }

    func album(_ id: String, ownerID: Int64) throws(StoreError) -> Album? {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.albumColumns) FROM albums WHERE id = ? AND owner_id = ?",
                                 arguments: [id, ownerID]).map(Self.album)
            }
        }
    }

    func album(_ id: String) throws(StoreError) -> Album? {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.albumColumns) FROM albums WHERE id = ?", arguments: [id])
                    .map(Self.album)
            }
        }
    }

    func updateAlbum(_ album: Album) throws(StoreError) -> Bool {
        try translatingErrors {
            try writer.write { db in
                // A cover must be one of the album's own photos.
                try db.execute(sql: """
                    UPDATE albums SET title = ?, description = ?, updated_at = ?,
                        cover_image_id = (SELECT id FROM images WHERE id = ? AND album_id = albums.id)
                    WHERE id = ? AND owner_id = ?
                    """, arguments: [album.title, album.description, album.updatedAt, album.coverImageID,
                                     album.id, album.ownerID])
                return db.changesCount == 1
            }
        }
    }

    func photos(albumID: String) throws(StoreError) -> [(image: ImageRecord, presets: [Preset])] {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchAll(db, sql: """
                    SELECT images.*, (SELECT group_concat(recipe, ' ') FROM renditions
                                      WHERE source_sha256 = images.blob_sha256 AND recipe IN (\(Self.presetList)))
                                     AS presets
                    FROM images WHERE album_id = ? ORDER BY created_at, rowid
                    """, arguments: [albumID]).map { row in
                    let recipes = (row["presets"] as String?)?.split(separator: " ").map(String.init) ?? []
                    return (try ImageRecord(row: row), Preset.allCases.filter { recipes.contains($0.recipe) })
                }
            }
        }
    }

    func createShare(_ share: Share) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO shares (id, album_id, token_hash, password_hash, expires_at, revoked, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [share.id, share.albumID, share.tokenHash, share.passwordHash, share.expiresAt,
                                     share.revoked, share.createdAt])
            }
        }
    }

    func shares(albumID: String) throws(StoreError) -> [Share] {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchAll(db, sql: "SELECT * FROM shares WHERE album_id = ? ORDER BY created_at, id",
                                 arguments: [albumID]).map(Self.share)
            }
        }
    }

    func share(_ id: String, albumID: String) throws(StoreError) -> Share? {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchOne(db, sql: "SELECT * FROM shares WHERE id = ? AND album_id = ?", arguments: [id, albumID])
                    .map(Self.share)
            }
        }
    }

    func share(tokenHash: String) throws(StoreError) -> Share? {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM shares WHERE token_hash = ?"),
                                 arguments: [tokenHash]).map(Self.share)
            }
        }
    }

    func updateShare(_ id: String, albumID: String, change: ShareChange) throws(StoreError) -> Share? {
        try translatingErrors {
            try writer.write { db in
                guard var share = try Row.fetchOne(db, sql: "SELECT * FROM shares WHERE id = ? AND album_id = ?",
                                                   arguments: [id, albumID]).map(Self.share) else { return nil }
                if let revoked = change.revoked { share.revoked = revoked }
                if let passwordHash = change.passwordHash { share.passwordHash = passwordHash }
                if let expiresAt = change.expiresAt { share.expiresAt = expiresAt }
                try db.execute(sql: "UPDATE shares SET revoked = ?, password_hash = ?, expires_at = ? WHERE id = ?",
                               arguments: [share.revoked, share.passwordHash, share.expiresAt, id])
                if change.endsUnlocks {
                    try db.execute(sql: "DELETE FROM share_unlocks WHERE share_id = ?", arguments: [id])
                }
                return share
            }
        }
    }

    func deleteShare(_ id: String, albumID: String) throws(StoreError) -> Bool {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM shares WHERE id = ? AND album_id = ?", arguments: [id, albumID])
                return db.changesCount == 1
            }
        }
    }

    func recordUnlock(tokenHash: String, shareID: String, expiresAt: Double) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM share_unlocks WHERE expires_at < ?", arguments: [expiresAt - 86_400 * 365])
                try db.execute(sql: "INSERT INTO share_unlocks (token_hash, share_id, expires_at) VALUES (?, ?, ?)",
                               arguments: [tokenHash, shareID, expiresAt])
            }
        }
    }

    func isUnlocked(tokenHash: String, shareID: String, at time: Double) throws(StoreError) -> Bool {
        try translatingErrors {
            try writer.inDatabase { db in
                try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM share_unlocks WHERE token_hash = ? AND share_id = ? AND expires_at > ?)
                    """, arguments: [tokenHash, shareID, time]) ?? false
            }
        }
    }

    private static let presetList = Preset.allCases.map { "'\($0.recipe)'" }.joined(separator: ", ")

    private static func album(_ row: Row) -> Album {
        Album(id: row["id"], ownerID: row["owner_id"], title: row["title"], description: row["description"],
              coverImageID: row["cover_image_id"], createdAt: row["created_at"], updatedAt: row["updated_at"],
              photoCount: row["photo_count"])
    }

    private static func share(_ row: Row) -> Share {
        Share(id: row["id"], albumID: row["album_id"], tokenHash: row["token_hash"], passwordHash: row["password_hash"],
              expiresAt: row["expires_at"], revoked: row["revoked"], createdAt: row["created_at"])
    }
}
