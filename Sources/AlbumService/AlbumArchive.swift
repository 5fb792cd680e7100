import CZlibSystem
import Foundation
import ImageInspection
import PeekCore
import PeekHTTP
import PeekStore

/// An album's originals as a ZIP, written as it is read: each file once, in 1 MiB pieces, so an
/// album of any size costs the same memory. Entries are stored (photos are compressed already),
/// with their CRC in a data descriptor after the data; ZIP64 records once offsets pass 4 GiB.
public struct AlbumArchive {
    let photos: [ImageRecord]
    let blobs: any BlobStore

    public init(photos: [ImageRecord], blobs: any BlobStore) {
        self.photos = photos
        self.blobs = blobs
    }

    /// The download: `TITLE.zip`, streamed.
    public func response(title: String) -> Response {
        Response(status: .ok, headers: [
            ("Content-Type", "application/zip"),
            ("Content-Disposition", "attachment; filename=\"\(Self.safeName(title, fallback: "album")).zip\""),
            ("Cache-Control", "private, no-store"),
        ], stream: { writer in try write(to: writer) })
    }

    public func write(to writer: BodyWriter) throws {
        var archive = ZipWriter(writer: writer)
        for (photo, name) in zip(photos, EntryNames.unique(photos)) {
            // A bucket's blob is downloaded first (a ZIP's bytes pass through the function anyway).
            guard let file = try blobs.localFile(for: photo.blobSHA256) else {
                throw StoreError.storage(SystemError(operation: "open", path: "blob \(photo.blobSHA256)", code: ENOENT))
            }
            try archive.add(name: name, modified: photo.createdAt) { emit in try Self.read(file.path, into: emit) }
        }
        try archive.finish()
    }

    private static func read(_ path: String, into emit: (Data) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.storage(SystemError(operation: "open", path: path))
        }
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try emit(chunk)
        }
    }

    /// A title or file name as a file name: no folders, quotes or control characters.
    static func safeName(_ text: String, fallback: String) -> String {
        let cleaned = String(text.unicodeScalars.map { scalar -> Character in
            scalar.value < 32 || "/\\\"".unicodeScalars.contains(scalar) ? "_" : Character(scalar)
        }).trimmingCharacters(in: .whitespaces)
        let name = cleaned.drop { $0 == "." }
        return name.isEmpty ? fallback : String(name.prefix(200))
    }
}
