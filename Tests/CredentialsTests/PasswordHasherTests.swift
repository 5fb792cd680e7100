import Credentials
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

    @Test func withoutAStoredHashNothingVerifiesNotEvenTheDecoysOwnPassword() {
        #expect(!PasswordHasher.verify("peek decoy password: never matches", against: nil))
        #expect(!PasswordHasher.verify("anything", against: nil))
    }

    @Test func aDamagedStoredHashVerifiesNothing() {
        #expect(!PasswordHasher.verify("x", against: "$argon2id$garbage"))
    }
}
