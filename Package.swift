// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Peek",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fn-health", targets: ["fn-health"]),
        .executable(name: "fn-analyze", targets: ["fn-analyze"]),
        .executable(name: "fn-results", targets: ["fn-results"]),
        .executable(name: "fn-image", targets: ["fn-image"]),
        .executable(name: "peek-admin", targets: ["peek-admin"]),
        .executable(name: "peek-worker", targets: ["peek-worker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libfcgi, the FastCGI/CGI library spawn-fcgi pools are made of.
        .systemLibrary(name: "CFastCGI", providers: [.apt(["libfcgi-dev"])]),

        // Type and pixel size from an image's first bytes, for the upload check and the decoder.
        .target(name: "ImageInspection"),

        // Everything the functions and the worker share: config, database, queue, storage, HTTP layer.
        .target(
            name: "Shared",
            dependencies: [
                "CFastCGI",
                "ImageInspection",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .executableTarget(name: "fn-health", dependencies: ["Shared", .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(name: "fn-analyze", dependencies: ["Shared", "ImageInspection"]),
        .executableTarget(name: "fn-results", dependencies: ["Shared"]),
        .executableTarget(name: "fn-image", dependencies: ["Shared", "ImageInspection"]),
        .executableTarget(
            name: "peek-admin",
            dependencies: [
                "Shared",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),

        // BEGIN VISION TARGETS
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
        // The insights of SPEC §3: decoding, the analyzer pipeline and the annotated image.
        .target(name: "Vision", dependencies: ["CVision", "CTesseract", "ImageInspection"]),
        .testTarget(name: "VisionTests", dependencies: ["Vision", "CVision", "ImageInspection"], exclude: ["Fixtures"]),
        // END VISION TARGETS

        // The job loop and the isolated analysis process it supervises.
        .target(
            name: "Worker",
            dependencies: ["Shared", "Vision", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "peek-worker",
            dependencies: ["Worker", "Vision", "Shared", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(
            name: "SharedTests",
            dependencies: ["Shared", "ImageInspection", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
