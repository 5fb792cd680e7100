// swift-tools-version:6.1
import Foundation
import PackageDescription

// Targets by layer: PeekCore (settings, ids, system calls) ← PeekStore (database, queue, blobs)
// ← PeekHTTP (FastCGI host, requests, errors) ← one library per function; the worker stands on
// the store and the vision targets and never links libfcgi.

/// Every `Sources/fn-NAME` folder with a `function.conf` is a function: a library of its handler
/// (all but main.swift, for in-process tests) and the executable `fn-NAME` (main.swift).
let functionNames: [String] = {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sources")
    let folders = (try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []
    return folders.filter { folder in
        folder.hasPrefix("fn-")
            && FileManager.default.fileExists(atPath: sources.appendingPathComponent("\(folder)/function.conf").path)
    }.sorted()
}()

/// What a function's folder holds besides main.swift: the handler library's sources and the declaration.
func libraryFiles(_ function: String) -> [String] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sources/\(function)")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0 != "main.swift" }
}

/// The `libraries` a declaration names: Swift targets its handler uses beyond the HTTP layer and
/// the store (so that only the functions that need OpenCV or libvips link them).
func declaredLibraries(_ function: String) -> [String] {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sources/\(function)/function.conf")
    let lines = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n")
    for line in lines {
        let parts = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].split(separator: "=", maxSplits: 1)
        if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "libraries" {
            return parts[1].split(separator: " ").map(String.init)
        }
    }
    return []
}

/// `fn-face-crop` → `FaceCropFunction`.
func libraryName(_ function: String) -> String {
    function.dropFirst(3).split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Function"
}

let functionTargets: [Target] = functionNames.flatMap { function -> [Target] in
    [
        .target(
            name: libraryName(function),
            dependencies: ["PeekCore", "PeekStore", "PeekHTTP", "Access", "ImageInspection",
                           .product(name: "Logging", package: "swift-log")]
                + declaredLibraries(function).map { .target(name: $0) },
            path: "Sources/\(function)",
            exclude: ["main.swift", "function.conf"]),
        .executableTarget(
            name: function,
            dependencies: [.target(name: libraryName(function)), "PeekHTTP"],
            path: "Sources/\(function)",
            exclude: libraryFiles(function)),
    ]
}

let package = Package(
    name: "Peek",
    platforms: [.macOS(.v15)],
    products: functionNames.map { .executable(name: $0, targets: [$0]) } + [
        .executable(name: "peek-admin", targets: ["peek-admin"]),
        .executable(name: "peek-worker", targets: ["peek-worker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: functionTargets + [
        // libfcgi, the FastCGI/CGI library spawn-fcgi pools are made of.
        .systemLibrary(name: "CFastCGI", providers: [.apt(["libfcgi-dev"])]),

        // Type and pixel size from an image's first bytes, for the upload check and the decoder.
        .target(name: "ImageInspection"),

        // Settings, ids, JSON, logging set-up and the system-call funnel every process uses.
        .target(name: "PeekCore", dependencies: [.product(name: "Logging", package: "swift-log")]),

        // libpq, PostgreSQL's C client: blocking calls fit Peek's synchronous processes (no event
        // loop, unlike PostgresNIO) and its socket can be polled for LISTEN/NOTIFY.
        .systemLibrary(name: "CPostgreSQL", providers: [.apt(["libpq-dev"])]),
        // libcurl, for the S3 blob store: HTTP with SigV4 signing (CURLOPT_AWS_SIGV4).
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // The database (SQLite, or PostgreSQL through libpq), the job queue, worker heartbeats, the
        // blob store (files, or an S3 bucket through libcurl), the data directory.
        .target(
            name: "PeekStore",
            dependencies: [
                "PeekCore", "ImageInspection", "CPostgreSQL", "CCurl",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        // The FastCGI/CGI host, requests and responses, multipart parsing, the one error mapping.
        .target(
            name: "PeekHTTP",
            dependencies: ["CFastCGI", "PeekCore", "PeekStore", "ImageInspection",
                           .product(name: "Logging", package: "swift-log")]),

        // libsodium: Argon2id and random bytes.
        .systemLibrary(name: "CSodium", providers: [.apt(["libsodium-dev"])]),
        // Password hashes, random tokens and the digests that stand for them in the database.
        .target(name: "Credentials", dependencies: ["CSodium", .product(name: "Crypto", package: "swift-crypto")]),
        // Who is asking (session cookie, API token, share link) and what they may read or change.
        .target(name: "Access", dependencies: ["PeekCore", "PeekStore", "PeekHTTP", "Credentials"]),
        // zlib's CRC-32, for the ZIP downloads of albums (and the smoke run's PNG). Not named CZlib:
        // ZIPFoundation has a module of that name, and one program cannot hold both.
        .systemLibrary(name: "CZlibSystem", providers: [.apt(["zlib1g-dev"])]),
        // Albums as the functions answer them: JSON views of albums, photos and shares, and the streamed ZIP.
        .target(name: "AlbumService", dependencies: ["CZlibSystem", "PeekCore", "PeekStore", "PeekHTTP", "Access", "ImageInspection"]),

        // OpenCV (C++) behind a plain C header; giflib reads GIF's first frame, which OpenCV 4.6 cannot.
        .target(
            name: "CVision",
            cxxSettings: [.unsafeFlags(["-I/usr/include/opencv4"])],
            linkerSettings: [
                .linkedLibrary("opencv_core"),
                .linkedLibrary("opencv_imgproc"),
                .linkedLibrary("opencv_imgcodecs"),
                .linkedLibrary("opencv_objdetect"),
                .linkedLibrary("gif"),
                .linkedLibrary("jpeg"),
            ]
        ),
        // Tesseract's C API (OCR).
        .systemLibrary(name: "CTesseract", providers: [.apt(["libtesseract-dev", "tesseract-ocr-eng"])]),
        // The insights: decoding, the analyzer pipeline and the annotated image.
        .target(name: "Vision", dependencies: ["CVision", "CTesseract", "ImageInspection"]),

        // Model packages (SPEC §11): the checks of an uploaded ZIP and its extraction, through ZIPFoundation.
        .target(name: "ModelPackage", dependencies: ["PeekCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The sandbox of a model's build and runs: the bubblewrap invocation, limits, the supervised
        // process and the runner (Peek's own Python file, embedded, never taken from a package).
        .target(name: "Sandbox", dependencies: ["CSpawn", "PeekCore"], resources: [.embedInCode("Runner/runner.py")]),
        // posix_spawn's close-from file action, a GNU extension Swift's Glibc module does not show.
        .target(name: "CSpawn"),

        // Models as the functions answer them: JSON views of models, versions and runs, who may see which.
        .target(name: "ModelService", dependencies: ["PeekCore", "PeekStore", "PeekHTTP", "Access"]),

        // The job loop and the isolated analysis process it supervises; the model lane beside it.
        .target(
            name: "Worker",
            dependencies: ["PeekCore", "PeekStore", "Vision", "Imaging", "ModelPackage", "Sandbox", "CZlibSystem",
                           .product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "peek-worker",
            dependencies: ["Worker", "Vision", "PeekCore",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // libvips behind non-variadic C functions (its operations take NULL-terminated option lists).
        .target(
            name: "CImaging",
            cSettings: [.unsafeFlags(["-I/usr/include/glib-2.0", "-I/usr/lib/x86_64-linux-gnu/glib-2.0/include",
                                      "-I/usr/lib/aarch64-linux-gnu/glib-2.0/include"])],
            linkerSettings: [.linkedLibrary("vips"), .linkedLibrary("gobject-2.0"), .linkedLibrary("glib-2.0")]),
        // Renditions and transforms: the step language, limits, plans, signatures and the libvips engine.
        .target(name: "Imaging", dependencies: ["CImaging", "ImageInspection", .product(name: "Crypto", package: "swift-crypto")]),

        // Transforms as the functions serve them: steps from a path, faces, limits, errors.
        .target(
            name: "TransformService",
            dependencies: ["Imaging", "Vision", "PeekCore", "PeekHTTP", "PeekStore"]),

        // Checks, backups and restores of a data directory (peek-admin's work).
        .target(
            name: "Maintenance",
            dependencies: ["PeekCore", "PeekStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(
            name: "peek-admin",
            dependencies: ["Maintenance", "PeekCore", "PeekStore", "PeekHTTP", "Access", "Credentials", "Imaging",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Crypto", package: "swift-crypto")]),

        // Builders of test data the test targets share: temporary folders, databases, image bytes.
        .target(name: "PeekTestSupport", dependencies: ["PeekCore", "PeekStore", "ImageInspection"],
                path: "Tests/Support"),
        .testTarget(name: "PeekCoreTests", dependencies: ["PeekCore", "PeekTestSupport"]),
        .testTarget(name: "PeekStoreTests", dependencies: ["PeekStore", "PeekCore", "ImageInspection", "PeekTestSupport",
                                                           .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "PeekHTTPTests", dependencies: ["PeekHTTP", "PeekCore", "PeekStore", "ImageInspection",
                                                          "PeekTestSupport"]),
        .testTarget(name: "FunctionTests",
                    dependencies: functionNames.map { .target(name: libraryName($0)) }
                        + ["PeekHTTP", "PeekCore", "PeekStore", "PeekTestSupport", "Access", "Credentials",
                           .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials"]),
        .testTarget(name: "AlbumServiceTests", dependencies: ["AlbumService", "PeekHTTP", "PeekStore", "CZlibSystem", "PeekTestSupport"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "ImageInspection"], exclude: ["Fixtures"]),
        .testTarget(name: "ModelPackageTests", dependencies: ["ModelPackage", "PeekTestSupport",
                                                              .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "PeekCore"]),
        .testTarget(name: "VisionTests", dependencies: ["Vision", "CVision", "ImageInspection"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
