import Credentials
import Foundation
import Logging
import PeekStore
import SessionFunction
import Testing

@Suite struct SessionHandlerTests {
    private func handler(_ fixture: FunctionFixture) -> SessionHandler {
        SessionHandler(configuration: fixture.configuration, logger: Logger(label: "test"))
    }

    @Test func aLoginSetsAnHttpOnlyLaxCookieAndTheSessionKnowsItsUser() throws {
        try FunctionFixture.with { fixture in
            let alice = try fixture.owner("alice")
            #expect(alice.cookie.count == 43)
            #expect(alice.csrf.count == 43)
            let answer = fixture.respond(handler(fixture), request("GET", "/api/session", parameters: alice.cookieOnly))
            #expect(answer.status == 200)
            #expect((answer.json["user"] as? [String: Any])?["username"] as? String == "alice")
            #expect(answer.json["csrf_token"] as? String == alice.csrf)
        }
    }

    @Test func theCookieIsSecureBehindHTTPS() throws {
        try FunctionFixture.with { fixture in
            _ = try fixture.database.accounts.createUser(username: "a", passwordHash: try PasswordHasher.hash("password1"), at: 1)
            let answer = fixture.respond(handler(fixture), jsonRequest("POST", "/api/session", ["username": "a", "password": "password1"],
                                                                       parameters: ["HTTPS": "on"]))
            let cookie = try #require(answer.headers["Set-Cookie"])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"))
        }
    }

    @Test func aWrongPasswordAndAnUnknownUserGetTheSameAnswer() throws {
        try FunctionFixture.with { fixture in
            _ = try fixture.owner("alice", password: "right password")
            let wrong = fixture.respond(handler(fixture), jsonRequest("POST", "/api/session", ["username": "alice", "password": "nope nope"]))
            let unknown = fixture.respond(handler(fixture), jsonRequest("POST", "/api/session", ["username": "zed", "password": "nope nope"]))
            #expect(wrong.status == 401 && unknown.status == 401)
            #expect(wrong.body == unknown.body)
            #expect(wrong.headers["Set-Cookie"] == nil)
        }
    }

    @Test func theSixthFailureInAMinuteIsRefusedEvenWithTheRightPassword() throws {
        try FunctionFixture.with { fixture in
            _ = try fixture.owner("alice", password: "right password")
            for _ in 0..<5 {
                #expect(fixture.respond(handler(fixture), jsonRequest("POST", "/api/session",
                                                                      ["username": "alice", "password": "wrong"])).status == 401)
            }
            let refused = fixture.respond(handler(fixture), jsonRequest("POST", "/api/session",
                                                                        ["username": "ALICE", "password": "right password"]))
            #expect(refused.status == 429)
            #expect(Int(refused.headers["Retry-After"] ?? "") ?? 0 >= 1)
        }
    }

    @Test func logoutEndsTheSessionOnTheServer() throws {
        try FunctionFixture.with { fixture in
            let alice = try fixture.owner("alice")
            let out = fixture.respond(handler(fixture), request("DELETE", "/api/session", parameters: alice.browser))
            #expect(out.status == 204)
            #expect(out.headers["Set-Cookie"]?.contains("Max-Age=0") == true)
            #expect(fixture.respond(handler(fixture), request("GET", "/api/session", parameters: alice.cookieOnly)).status == 401)
        }
    }

    @Test func logoutWithTheCookieAloneIsRefusedAsCrossSite() throws {
        try FunctionFixture.with { fixture in
            let alice = try fixture.owner("alice")
            let answer = fixture.respond(handler(fixture), request("DELETE", "/api/session", parameters: alice.cookieOnly))
            #expect(answer.status == 403)
            #expect(answer.error.contains("X-CSRF-Token"))
            #expect(fixture.respond(handler(fixture), request("GET", "/api/session", parameters: alice.cookieOnly)).status == 200)
        }
    }

    @Test func aBodyThatIsNotJSONIsA400() throws {
        try FunctionFixture.with { fixture in
            let answer = fixture.respond(handler(fixture), request("POST", "/api/session", contentType: "application/json",
                                                                   body: Array("{nope".utf8)))
            #expect(answer.status == 400)
            let missing = fixture.respond(handler(fixture), jsonRequest("POST", "/api/session", ["username": "a"]))
            #expect(missing.status == 400)
            #expect(missing.error == "password is missing")
        }
    }
}
