import Foundation
import PeekStore
import PeekTestSupport
import Testing

@Suite struct AccountCatalogTests {
    @Test(arguments: Backend.available)
    func usernamesAreUniqueWithoutRegardToCase(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            _ = try database.accounts.createUser(username: "Alice", passwordHash: "h", at: 1)
            #expect(throws: StoreError.conflict("the username alice")) {
                _ = try database.accounts.createUser(username: "alice", passwordHash: "h", at: 2)
            }
            #expect(try database.accounts.user(named: "ALICE")?.user.username == "Alice")
        }
    }

    @Test(arguments: Backend.available)
    func aSessionOpensItsUserUntilItExpiresOrEnds(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let user = try database.accounts.createUser(username: "a", passwordHash: "h", at: 1)
            try database.accounts.startSession(userID: user.id, tokenHash: "s1", at: 10, expiresAt: 100)
            #expect(try database.accounts.sessionUser(tokenHash: "s1", at: 50)?.user == user)
            #expect(try database.accounts.sessionUser(tokenHash: "s1", at: 100) == nil)
            #expect(try database.accounts.sessionUser(tokenHash: "other", at: 50) == nil)
            try database.accounts.endSession(tokenHash: "s1")
            #expect(try database.accounts.sessionUser(tokenHash: "s1", at: 50) == nil)
        }
    }

    @Test(arguments: Backend.available)
    func aNewPasswordEndsEverySessionButNotTheAPITokens(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let user = try database.accounts.createUser(username: "a", passwordHash: "old", at: 1)
            try database.accounts.startSession(userID: user.id, tokenHash: "s1", at: 1, expiresAt: 1e12)
            try database.accounts.createToken(id: "t1", userID: user.id, name: "ci", tokenHash: "th", at: 1)
            try database.accounts.setPassword(userID: user.id, passwordHash: "new")
            #expect(try database.accounts.sessionUser(tokenHash: "s1", at: 2) == nil)
            #expect(try database.accounts.tokenUser(tokenHash: "th", at: 2) == user)
            #expect(try database.accounts.user(named: "a")?.passwordHash == "new")
        }
    }

    @Test(arguments: Backend.available)
    func aTokenIsRevokedOnlyByItsOwnUser(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let alice = try database.accounts.createUser(username: "alice", passwordHash: "h", at: 1)
            let bob = try database.accounts.createUser(username: "bob", passwordHash: "h", at: 1)
            try database.accounts.createToken(id: "t1", userID: alice.id, name: "ci", tokenHash: "th", at: 1)
            #expect(try !database.accounts.revokeToken(id: "t1", userID: bob.id))
            #expect(try database.accounts.tokens(userID: bob.id).isEmpty)
            #expect(try database.accounts.tokenUser(tokenHash: "th", at: 5) == alice)
            #expect(try database.accounts.tokens(userID: alice.id).first?.lastUsedAt == 5)
            #expect(try database.accounts.revokeToken(id: "t1", userID: alice.id))
            #expect(try database.accounts.tokenUser(tokenHash: "th", at: 6) == nil)
        }
    }

    @Test(arguments: Backend.available)
    func failuresAreCountedWithinTheirWindowPerKey(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            for time in [100.0, 130, 150] { try database.failures.recordFailure(scope: "login", key: "a", at: time) }
            try database.failures.recordFailure(scope: "login", key: "b", at: 150)
            let recent = try database.failures.failures(scope: "login", key: "a", since: 120)
            #expect(recent.count == 2)
            #expect(recent.oldest == 130)
            #expect(try database.failures.failures(scope: "unlock", key: "a", since: 0).count == 0)
        }
    }
}
