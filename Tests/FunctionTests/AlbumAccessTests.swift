import AlbumPhotosFunction
import AnalyzeFunction
import AlbumsFunction
import Foundation
import ImageFunction
import ImagesFunction
import Logging
import PeekStore
import PeekTestSupport
import ResultsFunction
import SharedFunction
import Testing

/// The access rules of albums, photos and share links, tried from the attacker's side in-process
/// (the real-stack walk of every route is Tests/IntegrationTests).
@Suite struct AlbumAccessTests {
    private let logger = Logger(label: "test")

    private func albums(_ fixture: FunctionFixture) -> AlbumsHandler { AlbumsHandler(configuration: fixture.configuration, logger: logger) }
    private func photos(_ fixture: FunctionFixture) -> AlbumPhotosHandler {
        AlbumPhotosHandler(configuration: fixture.configuration, logger: logger)
    }
    private func shared(_ fixture: FunctionFixture) -> SharedHandler { SharedHandler(configuration: fixture.configuration, logger: logger) }

    /// Alice's album with two photos uploaded in one request; returns the album id and the photo ids.
    private func aliceAlbum(_ fixture: FunctionFixture, _ alice: Owner) throws -> (String, [String]) {
        let made = fixture.respond(albums(fixture), jsonRequest("POST", "/api/albums", ["title": "Trip"], parameters: alice.browser))
        #expect(made.status == 201)
        let album = try #require(made.json["id"] as? String)
        let boundary = "b"
        let body = multipartBody(boundary: boundary, [
            .field("image", filename: "one.png", contentType: "image/png", body: ImageBytes.png(width: 4, height: 3)),
            .field("image", filename: "two.png", contentType: "image/png", body: ImageBytes.png(width: 5, height: 3)),
        ])
        let uploaded = fixture.respond(photos(fixture), request("POST", "/api/albums/\(album)/photos",
                                                                contentType: "multipart/form-data; boundary=\(boundary)",
                                                                body: body, parameters: alice.browser))
        #expect(uploaded.status == 202)
        let ids = (uploaded.json["photos"] as? [[String: Any]] ?? []).compactMap { $0["image_id"] as? String }
        #expect(ids.count == 2)
        return (album, ids)
    }

    @Test func anotherOwnersAlbumAndPhotosLookExactlyLikeUnknownOnes() throws {
        try FunctionFixture.with { fixture in
            let alice = try fixture.owner("alice"), bob = try fixture.owner("bob")
            let (album, ids) = try aliceAlbum(fixture, alice)
            for credentials in [bob.browser, [:]] {
                let read = fixture.respond(albums(fixture), request("GET", "/api/albums/\(album)", parameters: credentials))
                #expect(read.status == (credentials.isEmpty ? 401 : 404))
                let results = fixture.respond(ResultsHandler(configuration: fixture.configuration),
                                              request("GET", "/api/results/\(ids[0])", parameters: credentials))
                #expect(results.status == 404)
                #expect(results.error == "no image with id \(ids[0])")
                let original = fixture.respond(ImageHandler(configuration: fixture.configuration),
                                               request("GET", "/api/image/\(ids[0])/original", parameters: credentials))
                #expect(original.status == 404)
                #expect(original.headers["X-Accel-Redirect"] == nil)
            }
            for (method, path) in [("PATCH", "/api/albums/\(album)"), ("DELETE", "/api/albums/\(album)"),
                                   ("POST", "/api/albums/\(album)/shares"), ("PUT", "/api/albums/\(album)/cover/\(ids[0])"),
                                   ("GET", "/api/albums/\(album)/download")] {
                #expect(fixture.respond(albums(fixture), jsonRequest(method, path, ["title": "Bob's"], parameters: bob.browser)).status == 404)
            }
            #expect(fixture.respond(photos(fixture), request("DELETE", "/api/albums/\(album)/photos/\(ids[0])",
                                                             parameters: bob.browser)).status == 404)
            #expect(fixture.respond(ImagesHandler(configuration: fixture.configuration, logger: logger),
                                    request("DELETE", "/api/images/\(ids[0])", parameters: bob.browser)).status == 404)
            #expect(try fixture.database.images.image(ids[0]) != nil)
            #expect(try fixture.database.albums.album(album)?.title == "Trip")
            let owned = fixture.respond(ResultsHandler(configuration: fixture.configuration),
                                        request("GET", "/api/results/\(ids[0])", parameters: alice.cookieOnly))
            #expect(owned.status == 202)
        }
    }

    @Test func aPasswordShareOpensOnlyAfterUnlockAndARevokedOneNeverAgain() throws {
        try FunctionFixture.with { fixture in
            let alice = try fixture.owner("alice")
            let (album, ids) = try aliceAlbum(fixture, alice)
            let made = fixture.respond(albums(fixture), jsonRequest("POST", "/api/albums/\(album)/shares",
                                                                    ["password": "open sesame"], parameters: alice.browser))
            #expect(made.status == 201)
            let token = try #require(made.json["token"] as? String), shareID = try #require(made.json["id"] as? String)
            let locked = fixture.respond(shared(fixture), request("GET", "/api/shared/\(token)"))
            #expect(locked.status == 401)
            #expect(locked.json["password_required"] as? Bool == true)
            #expect(fixture.respond(shared(fixture), request("GET", "/api/shared/\(token)/images/\(ids[0])/original")).status == 401)
            #expect(fixture.respond(shared(fixture), jsonRequest("POST", "/api/shared/\(token)/unlock",
                                                                 ["password": "wrong"])).status == 401)
            let unlocked = fixture.respond(shared(fixture), jsonRequest("POST", "/api/shared/\(token)/unlock", ["password": "open sesame"]))
            #expect(unlocked.status == 204)
            let cookie = try #require(unlocked.headers["Set-Cookie"])
            #expect(cookie.contains("Path=/api/shared/\(token);") && cookie.contains("HttpOnly"))
            let unlock = ["HTTP_COOKIE": String(cookie.split(separator: ";")[0])]
            let gallery = fixture.respond(shared(fixture), request("GET", "/api/shared/\(token)", parameters: unlock))
            #expect(gallery.status == 200)
            #expect((gallery.json["photos"] as? [Any])?.count == 2)
            let image = fixture.respond(shared(fixture), request("GET", "/api/shared/\(token)/images/\(ids[0])/original", parameters: unlock))
            #expect(image.status == 200 && image.headers["Cache-Control"] == "private, no-cache")
            _ = fixture.respond(albums(fixture), jsonRequest("PATCH", "/api/albums/\(album)/shares/\(shareID)", ["revoked": true],
                                                             parameters: alice.browser))
            for path in ["/api/shared/\(token)", "/api/shared/\(token)/images/\(ids[0])/original", "/api/shared/\(token)/download"] {
                let gone = fixture.respond(shared(fixture), request("GET", path, parameters: unlock))
                #expect(gone.status == 404)
            }
            _ = fixture.respond(albums(fixture), jsonRequest("PATCH", "/api/albums/\(album)/shares/\(shareID)", ["revoked": false],
                                                             parameters: alice.browser))
            // Revoking ended the unlock: the restored link asks for the password again.
            #expect(fixture.respond(shared(fixture), request("GET", "/api/shared/\(token)", parameters: unlock)).status == 401)
        }
    }

    @Test func theSixthWrongSharePasswordInAMinuteIs429() throws {
        try FunctionFixture.with { fixture in
            let alice = try fixture.owner("alice")
            let (album, _) = try aliceAlbum(fixture, alice)
            let token = try #require(fixture.respond(albums(fixture), jsonRequest("POST", "/api/albums/\(album)/shares",
                                                                                  ["password": "open sesame"], parameters: alice.browser))
                .json["token"] as? String)
            for _ in 0..<5 {
                #expect(fixture.respond(shared(fixture), jsonRequest("POST", "/api/shared/\(token)/unlock", ["password": "x"])).status == 401)
            }
            let limited = fixture.respond(shared(fixture), jsonRequest("POST", "/api/shared/\(token)/unlock", ["password": "open sesame"]))
            #expect(limited.status == 429)
            #expect(limited.headers["Retry-After"] != nil)
        }
    }

    @Test func aPhotoOfAnotherAlbumIsNotReadThroughAShare() throws {
        try FunctionFixture.with { fixture in
            let alice = try fixture.owner("alice")
            let (album, _) = try aliceAlbum(fixture, alice)
            let (_, otherIDs) = try aliceAlbum(fixture, alice)
            let token = try #require(fixture.respond(albums(fixture), jsonRequest("POST", "/api/albums/\(album)/shares", [:],
                                                                                  parameters: alice.browser)).json["token"] as? String)
            let answer = fixture.respond(shared(fixture), request("GET", "/api/shared/\(token)/images/\(otherIDs[0])/original"))
            #expect(answer.status == 404)
        }
    }

    @Test func oneBadFileAmongGoodOnesIsNamedAndNothingIsStored() throws {
        try FunctionFixture.with { fixture in
            let alice = try fixture.owner("alice")
            let album = try #require(fixture.respond(albums(fixture), jsonRequest("POST", "/api/albums", ["title": "T"],
                                                                                  parameters: alice.browser)).json["id"] as? String)
            let body = multipartBody(boundary: "b", [
                .field("image", filename: "good.png", contentType: "image/png", body: ImageBytes.png(width: 4, height: 3)),
                .field("image", filename: "notes.txt", contentType: "text/plain", body: Array("hello".utf8)),
            ])
            let answer = fixture.respond(photos(fixture), request("POST", "/api/albums/\(album)/photos",
                                                                  contentType: "multipart/form-data; boundary=b", body: body,
                                                                  parameters: alice.browser))
            #expect(answer.status == 415)
            #expect(answer.error.hasPrefix("file 2 (notes.txt): unsupported image type"))
            #expect(try fixture.database.albums.photos(albumID: album).isEmpty)
        }
    }

    @Test func anAnonymousUploadIsDeletedOnlyWithItsDeleteToken() throws {
        try FunctionFixture.with { fixture in
            let analyze = fixture.respond(AnalyzeHandler(configuration: fixture.configuration, logger: logger), upload(ImageBytes.png(width: 4, height: 3)))
            let id = try #require(analyze.json["id"] as? String), token = try #require(analyze.json["delete_token"] as? String)
            let images = ImagesHandler(configuration: fixture.configuration, logger: logger)
            #expect(fixture.respond(images, request("DELETE", "/api/images/\(id)")).status == 403)
            #expect(fixture.respond(images, request("DELETE", "/api/images/\(id)",
                                                    parameters: ["HTTP_X_DELETE_TOKEN": String(token.reversed())])).status == 403)
            #expect(fixture.respond(images, request("DELETE", "/api/images/\(id)", parameters: ["HTTP_X_DELETE_TOKEN": token])).status == 204)
            #expect(try fixture.database.images.image(id) == nil)
            #expect(fixture.respond(images, request("DELETE", "/api/images/\(id)", parameters: ["HTTP_X_DELETE_TOKEN": token])).status == 404)
        }
    }
}
