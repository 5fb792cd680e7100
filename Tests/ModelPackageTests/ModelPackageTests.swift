import Foundation
import ModelPackage
import PeekTestSupport
import Testing
import ZIPFoundation

/// The package rules of SPEC §11, each from the side of someone uploading a bad or hostile ZIP.
@Suite struct ModelPackageTests {
    /// A ZIP of `entries` (path, contents; a nil content makes a symlink to /etc/passwd), as bytes.
    static func zip(_ entries: [(String, Data?)], compression: CompressionMethod = .deflate) throws -> Data {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("package.zip")
            let archive = try Archive(url: url, accessMode: .create)
            for (path, contents) in entries {
                if let contents {
                    try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(contents.count),
                                         compressionMethod: compression) { position, size in
                        contents.subdata(in: Int(position)..<Int(position) + size)
                    }
                } else {
                    let target = Data("/etc/passwd".utf8)
                    try archive.addEntry(with: path, type: .symlink, uncompressedSize: Int64(target.count)) { position, size in
                        target.subdata(in: Int(position)..<Int(position) + size)
                    }
                }
            }
            return try Data(contentsOf: url)
        }
    }

    static let predict = Data("def run(input_path, output_dir):\n    return {}\n".utf8)

    func refusal(_ entries: [(String, Data?)], limits: PackageLimits = .standard) throws -> String? {
        do {
            _ = try ModelPackage(checking: try Self.zip(entries), limits: limits)
            return nil
        } catch let error as PackageError {
            return error.description
        }
    }

    @Test func aPackageWithPredictAtTheRootIsAcceptedAndUnpacked() throws {
        var generator = SystemRandomNumberGenerator()
        let weights = Data((0..<5000).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let package = try ModelPackage(checking: try Self.zip([("predict.py", Self.predict),
                                                               ("requirements.txt", Data("Pillow==10.4.0\n".utf8)),
                                                               ("weights/model.bin", weights)]))
        #expect(package.hasRequirements)
        try withTemporaryDirectory { folder in
            try package.extract(into: folder)
            #expect(try Data(contentsOf: folder.appendingPathComponent("predict.py")) == Self.predict)
            #expect(try Data(contentsOf: folder.appendingPathComponent("weights/model.bin")) == weights)
        }
    }

    @Test func predictInsideAFolderIsRefusedNamingTheFolder() throws {
        #expect(try refusal([("my-model/predict.py", Self.predict), ("my-model/requirements.txt", Data())])
                == "predict.py is inside folder my-model/: put it at the root of the ZIP")
    }

    @Test func aPackageWithoutPredictIsRefused() throws {
        #expect(try refusal([("model.py", Self.predict)]) == "the package has no predict.py at the root of the ZIP")
    }

    @Test func parentPathsAreRefused() throws {
        #expect(try refusal([("predict.py", Self.predict), ("../../etc/cron.d/evil", Data("x".utf8))])?
            .contains("leaves its folder (../../etc/cron.d/evil)") == true)
        #expect(try refusal([("predict.py", Self.predict), ("a\\..\\..\\evil", Data("x".utf8))])?.contains("no .. in paths") == true)
    }

    @Test func absolutePathsAreRefused() throws {
        #expect(try refusal([("predict.py", Self.predict), ("/etc/cron.d/evil", Data("x".utf8))])?
            .contains("absolute path (/etc/cron.d/evil)") == true)
    }

    @Test func linksAreRefused() throws {
        #expect(try refusal([("predict.py", Self.predict), ("passwd", nil)]) == "the package holds a link (passwd): links are not allowed")
    }

    @Test func moreEntriesThanTheLimitAreRefused() throws {
        let entries = [("predict.py", Self.predict)] + (1...6).map { ("f\($0).txt", Data("x".utf8)) as (String, Data?) }
        let limits = PackageLimits(maxEntries: 5, maxUnpackedBytes: 1_000_000, maxCompressionRatio: 100)
        #expect(try refusal(entries, limits: limits) == "the package has 7 entries; the limit is 5")
    }

    @Test func aZipBombIsRefusedByItsCompressionRatio() throws {
        let message = try refusal([("predict.py", Self.predict), ("zeros.bin", Data(count: 20_000_000))])
        #expect(message?.contains("zeros.bin is compressed more than 100 to 1") == true)
    }

    @Test func moreThanTheUnpackedLimitIsRefused() throws {
        let limits = PackageLimits(maxEntries: 1_000, maxUnpackedBytes: 2_000_000, maxCompressionRatio: 100)
        var generator = SystemRandomNumberGenerator()
        let noise = Data((0..<3_000_000).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        #expect(try refusal([("predict.py", Self.predict), ("noise.bin", noise)], limits: limits)
                == "the package is larger than 2 MB unpacked")
    }

    @Test func requirementsThatSendPipElsewhereThanToPyPIByNameAreRefused() throws {
        for line in ["--index-url http://127.0.0.1:8080/", "-r other.txt", "-e .", "Pillow @ https://evil.example/p.whl",
                     "http://169.254.169.254/latest/meta-data", "./local-package", "--extra-index-url=https://evil"] {
            let message = try refusal([("predict.py", Self.predict), ("requirements.txt", Data("numpy==1.26.4\n\(line)\n".utf8))])
            #expect(message?.hasPrefix("requirements.txt line 2 (") == true, "\(line): \(message ?? "accepted")")
        }
        let fine = "# pinned\nPillow==10.4.0\nnumpy[extra]>=1.26,<2 ; python_version >= \"3.11\"\n\n"
        #expect(try refusal([("predict.py", Self.predict), ("requirements.txt", Data(fine.utf8))]) == nil)
    }

    @Test func bytesThatAreNotAZipAreRefused() {
        #expect(throws: PackageError.notAZip) { try ModelPackage(checking: Data("PK not really".utf8)) }
    }
}
