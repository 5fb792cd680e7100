import ImageInspection
import PeekStore

/// The names of an album's originals inside its ZIP: the uploaded file names where there are
/// some, the image id otherwise, made unique without regard to case (`cat.jpg`, `cat-2.jpg`).
enum EntryNames {
    static func unique(_ photos: [ImageRecord]) -> [String] {
        var taken = Set<String>()
        return photos.map { photo in
            let fileExtension = ImageFormat(rawValue: photo.format)?.fileExtension ?? "bin"
            let base = AlbumArchive.safeName(photo.originalFilename ?? "", fallback: "\(photo.id).\(fileExtension)")
            let (stem, suffix) = split(base)
            var name = base
            var number = 2
            while taken.contains(name.lowercased()) {
                name = "\(stem)-\(number)\(suffix)"
                number += 1
            }
            taken.insert(name.lowercased())
            return name
        }
    }

    /// `cat.jpg` → (`cat`, `.jpg`).
    private static func split(_ name: String) -> (String, String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[dot...]))
    }
}
