@testable import Credentials
import Testing

@Suite struct PasswordHasherTests {
    @Test func aHashIsArgon2idAndVerifiesOnlyItsPassword() throws {
        let hash = try PasswordHasher.hash("correct horse")
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(!hash.contains("correct horse"))
        #expect(PasswordHasher.verify("correct horse", against: hash))
        #expect(!PasswordHasher.verify("correct horsE", against: hash))
        #expect(!PasswordHasher.verify("", against: hash))
    }

    @Test func twoHashesOfOnePasswordDifferByTheirSalt() throws {
        #expect(try PasswordHasher.hash("same password") != PasswordHasher.hash("same password"))
    }

    @Test func withoutAStoredHashNothingVerifies() {
        #expect(!PasswordHasher.verify("anything", against: nil))
        #expect(!PasswordHasher.verify("", against: nil))
    }

    @Test func theDecoyCostsWhatARealHashCosts() throws {
        // Same parameters as a fresh hash: a wrong username is not told from a wrong password by time.
        #expect(try PasswordHasher.hash("x").split(separator: "$").prefix(3) == PasswordHasher.decoy.split(separator: "$").prefix(3))
    }

    @Test func aDamagedStoredHashVerifiesNothing() {
        #expect(!PasswordHasher.verify("x", against: "$argon2id$garbage"))
    }
}
