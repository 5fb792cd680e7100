import Foundation
import Testing
@testable import PeekHTTP
import PeekCore
import PeekStore
import PeekTestSupport

@Suite struct ImageIDTests {
    static let urlSafeAlphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test func aGeneratedIDIsTwentyTwoURLSafeCharacters() {
        for _ in 0..<1_000 {
            let id = ImageID.generate()
            #expect(id.count == 22)
            #expect(id.allSatisfy(Self.urlSafeAlphabet.contains), "\(id)")
            #expect(ImageID.isValid(id))
        }
    }

    @Test func tenThousandGeneratedIDsAreDistinct() {
        let ids = (0..<10_000).map { _ in ImageID.generate() }
        #expect(Set(ids).count == ids.count)
    }

    @Test func generatedIDsUseTheWholeAlphabet() {
        // 128 random bits per id: over 1 000 ids every one of the 64 characters shows up.
        let seen = Set((0..<1_000).flatMap { _ in ImageID.generate() })
        #expect(seen == Self.urlSafeAlphabet)
    }

    @Test func isValidAcceptsAnyTwentyTwoURLSafeCharacters() {
        #expect(ImageID.isValid("AZaz09-_AZaz09-_AZaz09"))
        #expect(ImageID.isValid(String(repeating: "-", count: 22)))
        #expect(ImageID.isValid(Substring("xx" + String(repeating: "a", count: 22)).dropFirst(2)))
    }

    @Test func isValidRejectsWrongLengths() {
        #expect(!ImageID.isValid(""))
        #expect(!ImageID.isValid(String(repeating: "a", count: 21)))
        #expect(!ImageID.isValid(String(repeating: "a", count: 23)))
        #expect(!ImageID.isValid(ImageID.generate() + "a"))
    }

    @Test func isValidRejectsPathTricksAndEncodedCharacters() {
        #expect(!ImageID.isValid("../"))
        #expect(!ImageID.isValid("../../../../etc/passwd"))  // 22 characters
        #expect(!ImageID.isValid("%2e%2e%2fAAAAAAAAAAAAA"))  // 22 characters
        #expect(!ImageID.isValid("AAAAAAAAAAAAAAAAAAA%2e"))
        #expect(!ImageID.isValid("AAAAAAAAAAAAAAAAAAAAA."))
        #expect(!ImageID.isValid("AAAAAAAAAAAAAAAAAAAAA/"))
        #expect(!ImageID.isValid("AAAAAAAAAAAAAAAAAAAA\\a"))
        #expect(!ImageID.isValid("AAAAAAAAAAAAAAAAAAAAA\u{0}"))
    }

    @Test func isValidRejectsStandardBase64AndNonASCII() {
        #expect(!ImageID.isValid("AAAAAAAAAAAAAAAAAAAAA+"))
        #expect(!ImageID.isValid("AAAAAAAAAAAAAAAAAAAAA="))
        #expect(!ImageID.isValid("AAAAAAAAAAAAAAAAAAAA é"))
        // 11 two-byte characters are 22 bytes but not an id.
        #expect(!ImageID.isValid(String(repeating: "é", count: 11)))
    }

    @Test func aRoutePathYieldsItsValidatedIDAndRejectsATraversal() throws {
        let id = ImageID.generate()
        let components = try ImagePath.components(of: "/api/image/\(id)/original", after: "/api/image/")
        #expect(components == [Substring(id), "original"])
        #expect(try ImagePath.validatedID(components[0]) == id)
        expectPublicError(.badRequest) { _ = try ImagePath.validatedID("..") }
        expectPublicError(.badRequest) { _ = try ImagePath.validatedID("%2e%2e%2fAAAAAAAAAAAAA") }
        expectPublicError(.notFound) { _ = try ImagePath.components(of: "/api/other/\(id)", after: "/api/image/") }
    }

    @Test func aModifierRightAfterASlashDoesNotHideTheSeparator() throws {
        // "/" + U+1F3FB (an emoji skin-tone modifier) is one Character but two path segments' edge.
        let components = try ImagePath.components(of: "/api/image/abc/t/\u{1F3FB}", after: "/api/image/")
        #expect(components == ["abc", "t", "\u{1F3FB}"])
        #expect(ImagePath.remainder(of: "/api/transform/\u{1F3FB}", after: "/api/transform/") == "\u{1F3FB}")
        #expect(ImagePath.remainder(of: "/api/other/x", after: "/api/transform/") == nil)
    }
}
