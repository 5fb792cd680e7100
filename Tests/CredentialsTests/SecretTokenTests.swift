import Credentials
import Testing

@Suite struct SecretTokenTests {
    @Test func aTokenIs256BitsOfBase64urlAfterItsPrefix() throws {
        let token = try SecretToken.generate(prefix: "peek_")
        #expect(token.text.hasPrefix("peek_"))
        #expect(token.text.count == 5 + 43)
        #expect(SecretToken.hasShape(Substring(token.text), prefix: "peek_"))
        #expect(!SecretToken.hasShape(Substring(token.text)))
    }

    @Test func tokensAreNeverTheSame() throws {
        let tokens = try (0..<100).map { _ in try SecretToken.generate().text }
        #expect(Set(tokens).count == 100)
    }

    @Test func theStoredHashIsTheSHA256AndNotTheToken() {
        let token = SecretToken(text: "abc")
        #expect(token.storedHash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func theCSRFTokenIsDerivedFromTheSessionAndDiffersFromIt() throws {
        let session = try SecretToken.generate()
        #expect(session.csrfToken == SecretToken(text: session.text).csrfToken)
        #expect(session.csrfToken != session.text)
        #expect(session.csrfToken != (try SecretToken.generate()).csrfToken)
    }

    @Test func shapesOtherThan43Base64urlCharactersAreRefused() {
        #expect(!SecretToken.hasShape(Substring(String(repeating: "a", count: 42))))
        #expect(!SecretToken.hasShape(Substring(String(repeating: "a", count: 44))))
        #expect(!SecretToken.hasShape(Substring(String(repeating: "a", count: 42) + "/")))
        #expect(SecretToken.hasShape(Substring(String(repeating: "-", count: 43))))
    }

    @Test func constantTimeComparisonIsEquality() {
        #expect(SecretToken.constantTimeEquals("abc", "abc"))
        #expect(!SecretToken.constantTimeEquals("abc", "abd"))
        #expect(!SecretToken.constantTimeEquals("abc", "abcd"))
    }
}
