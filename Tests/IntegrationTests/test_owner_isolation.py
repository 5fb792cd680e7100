"""Another owner, or nobody, against one owner's albums, photos, shares and tokens (SPEC §10, issue
12): every route answers as if the thing did not exist (404 exactly like an unknown id, or 401
without login) and nothing changes."""
import pytest

import images
from owners import IMAGE_KINDS, Client, album_with_photos, blob_files, image_routes, owned_rows, owner, random_id
from stack import json_error


@pytest.fixture(scope="module")
def victim(owners_stack):
    """Alice: an album with an analysed photo that she has read by every route (so its transforms
    are made and stored), a live share link and an API token."""
    alice = owner(owners_stack, "alice")
    album, (image_id,) = album_with_photos(alice, [("private.png", images.numbered(701))], "Alice's private album")
    for path in image_routes(image_id) + [f"/api/image/{image_id}/t/rotate:90/format:png"]:
        assert alice.get(path).status_code == 200, f"the owner reads {path}"
    transform = alice.get(f"/api/image/{image_id}/t/grayscale")
    share = alice.new_share(album["id"])
    api, token = alice.api_client("alice's laptop")
    return {"client": alice, "api": api, "album": album["id"], "image": image_id, "share": share, "token": token,
            "etag": transform.headers.get("ETag")}


@pytest.fixture(scope="module")
def mallory(owners_stack):
    """Mallory: an owner too, with an album, a photo and a share of her own."""
    client = owner(owners_stack, "mallory")
    album, (image_id,) = album_with_photos(client, [("mine.png", images.numbered(702))], "Mallory's album")
    api, _ = client.api_client("mallory's script")
    share = client.new_share(album["id"])
    return {"cookie": client, "bearer": api, "album": album["id"], "image": image_id, "share": share}


@pytest.fixture
def unchanged(owners_stack, victim):
    """Asserts, after the test, that nothing of Alice's changed: rows, blobs, the share, the token."""
    before = owned_rows(owners_stack, victim["client"].user["id"]), blob_files(owners_stack)
    yield
    assert (owned_rows(owners_stack, victim["client"].user["id"]), blob_files(owners_stack)) == before
    share = Client(owners_stack).get(f"/api/shared/{victim['share']['token']}")
    assert share.status_code == 200, "Alice's share link still works"
    assert victim["api"].get("/api/session").json()["user"]["id"] == victim["client"].user["id"], \
        "Alice's API token still works"


def album_requests(album_id, image_id, share_id):
    """Every album route with its method and a valid body: the reads, then the writes, the album's
    own deletion last."""
    upload = {"files": [("image", ("planted.png", images.numbered(703), "image/png"))]}
    return [
        ("GET", f"/api/albums/{album_id}", {}),
        ("GET", f"/api/albums/{album_id}/photos", {}),
        ("GET", f"/api/albums/{album_id}/download", {}),
        ("GET", f"/api/albums/{album_id}/shares", {}),
        ("PATCH", f"/api/albums/{album_id}", {"json": {"title": "mine now", "description": "taken"}}),
        ("POST", f"/api/albums/{album_id}/photos", upload),
        ("PUT", f"/api/albums/{album_id}/cover/{image_id}", {}),
        ("POST", f"/api/albums/{album_id}/shares", {"json": {}}),
        ("PATCH", f"/api/albums/{album_id}/shares/{share_id}", {"json": {"revoked": True}}),
        ("PATCH", f"/api/albums/{album_id}/shares/{share_id}", {"json": {"password": "attacker's pass"}}),
        ("DELETE", f"/api/albums/{album_id}/shares/{share_id}", {}),
        ("DELETE", f"/api/albums/{album_id}/photos/{image_id}", {}),
        ("DELETE", f"/api/albums/{album_id}", {}),
    ]


def same_answer(response, reference, replace):
    """`response` is `reference` (an answer about an unknown id) with the ids in `replace` swapped in."""
    assert response.status_code == reference.status_code == 404, (response.status_code, response.text[:300])
    assert response.headers["Content-Type"] == reference.headers["Content-Type"]
    expected = reference.text
    for unknown, real in replace.items():
        expected = expected.replace(unknown, real)
    assert response.text == expected


@pytest.mark.parametrize("credentials", ["cookie", "bearer"])
def test_another_owner_gets_404_from_every_album_route_exactly_as_for_an_unknown_album(
        owners_stack, victim, mallory, unchanged, credentials):
    attacker = mallory[credentials]
    unknown = random_id()
    for method, path, kwargs in album_requests(victim["album"], victim["image"], victim["share"]["id"]):
        response = attacker.request(method, path, **kwargs)
        reference = attacker.request(method, path.replace(victim["album"], unknown), **kwargs)
        same_answer(response, reference, {unknown: victim["album"]})
        json_error(response, 404)


@pytest.mark.parametrize("credentials", ["cookie", "bearer"])
def test_another_owner_cannot_reach_a_photo_or_share_through_her_own_album(
        owners_stack, victim, mallory, unchanged, credentials):
    attacker = mallory[credentials]
    own_album = mallory["album"]
    for method, path in [("PUT", f"/api/albums/{own_album}/cover/{victim['image']}"),
                         ("DELETE", f"/api/albums/{own_album}/photos/{victim['image']}"),
                         ("PATCH", f"/api/albums/{own_album}/shares/{victim['share']['id']}"),
                         ("DELETE", f"/api/albums/{own_album}/shares/{victim['share']['id']}")]:
        kwargs = {"json": {"revoked": True}} if method == "PATCH" else {}
        json_error(attacker.request(method, path, **kwargs), 404)
    # Her own share link does not read Alice's photo, nor Alice's link hers.
    for token, image_id in [(mallory["share"]["token"], victim["image"]), (victim["share"]["token"], mallory["image"])]:
        for kind in IMAGE_KINDS:
            json_error(attacker.get(f"/api/shared/{token}/images/{image_id}/{kind}"), 404)


@pytest.mark.parametrize("credentials", ["cookie", "bearer"])
def test_another_owner_s_album_list_and_token_list_hold_nothing_of_alice(owners_stack, victim, mallory, unchanged,
                                                                          credentials):
    attacker = mallory[credentials]
    albums = attacker.get("/api/albums")
    assert albums.status_code == 200
    assert [album["id"] for album in albums.json()["albums"]] == [mallory["album"]]
    tokens = attacker.get("/api/tokens")
    assert tokens.status_code == 200
    listed = tokens.json()["tokens"]
    assert victim["token"]["id"] not in [token["id"] for token in listed]
    assert victim["token"]["token"] not in tokens.text
    assert all("token" not in token for token in listed), "token values are shown only when made"
    json_error(attacker.delete(f"/api/tokens/{victim['token']['id']}"), 404)


@pytest.mark.parametrize("credentials", ["cookie", "bearer", "nobody"])
def test_an_album_photo_reads_as_an_unknown_image_to_anyone_but_its_owner(owners_stack, victim, mallory, unchanged,
                                                                          credentials):
    attacker = mallory[credentials] if credentials != "nobody" else Client(owners_stack)
    image_id, unknown = victim["image"], random_id()
    # The routes Alice read (their transforms are stored), and a transform nobody made yet.
    routes = image_routes(image_id) + [f"/api/image/{image_id}/t/rotate:90/format:png", f"/api/image/{image_id}/t/flip:h"]
    for path in routes:
        response = attacker.get(path)
        assert response.json() == {"error": f"no image with id {image_id}"}, (path, response.status_code, response.text)
        same_answer(response, attacker.get(path.replace(image_id, unknown)), {unknown: image_id})
        assert attacker.request("HEAD", path).status_code == 404, f"HEAD {path}"
    # A cached copy is not revealed by its ETag either.
    response = attacker.get(f"/api/image/{image_id}/t/grayscale", headers={"If-None-Match": victim["etag"]})
    assert response.status_code == 404, response.status_code
    for headers in ({}, {"X-Delete-Token": "A" * 43}):
        response = attacker.delete(f"/api/images/{image_id}", headers=headers)
        assert response.json() == {"error": f"no image with id {image_id}"}, response.text
        same_answer(response, attacker.delete(f"/api/images/{unknown}", headers=headers), {unknown: image_id})


def test_blob_files_are_not_reachable_by_their_path(owners_stack, victim):
    with owners_stack.database() as db:
        digest = db.execute("SELECT blob_sha256 FROM images WHERE id = ?", (victim["image"],)).fetchone()[0]
    for path in (f"/_blobs/{digest[:2]}/{digest[2:4]}/{digest}", f"/api/../_blobs/{digest[:2]}/{digest[2:4]}/{digest}"):
        response = Client(owners_stack).get(path)
        assert response.status_code == 404 or response.headers["Content-Type"].startswith("text/html"), \
            f"{path}: {response.status_code} {response.headers}"
        assert b"\x89PNG" not in response.content[:8]


LOGIN_ROUTES = [("GET", "/api/albums"), ("POST", "/api/albums"), ("GET", "/api/tokens"), ("POST", "/api/tokens")]


@pytest.mark.parametrize("credentials", ["nobody", "unknown bearer", "unknown cookie", "malformed bearer"])
def test_every_owner_route_needs_login(owners_stack, victim, unchanged, credentials):
    client = Client(owners_stack, token="peek_" + random_id() + random_id()[:21] if credentials == "unknown bearer"
                    else None)
    if credentials == "unknown cookie":
        client.http.cookies.set("peek_session", random_id() + random_id())
    if credentials == "malformed bearer":
        client.http.headers["Authorization"] = "Bearer ../../etc/passwd"
    routes = [(method, path, {"json": {"title": "x", "name": "x"}} if method == "POST" else {})
              for method, path in LOGIN_ROUTES]
    routes += album_requests(victim["album"], victim["image"], victim["share"]["id"])
    routes += [("DELETE", f"/api/tokens/{victim['token']['id']}", {})]
    for method, path, kwargs in routes:
        response = client.request(method, path, **kwargs)
        message = json_error(response, 401)
        assert message.startswith("log in first"), (method, path, message)


@pytest.mark.parametrize("credentials", ["cookie", "bearer", "nobody"])
def test_an_anonymous_upload_stays_readable_by_anyone_with_its_id(owners_stack, mallory, credentials):
    reader = mallory[credentials] if credentials != "nobody" else Client(owners_stack)
    image_id = owners_stack.accepted_id(images.numbered(704))
    assert owners_stack.wait_result(image_id).json()["status"] == "completed"
    for path in image_routes(image_id):
        assert reader.get(path).status_code == 200, path


def test_no_answer_about_an_album_photo_may_be_kept_by_a_shared_cache(owners_stack, victim):
    """A proxy or CDN in front would serve a cached copy to anyone, and after a revocation or a
    deletion: every answer that carries an album photo is private (or not stored at all)."""
    image_id, token = victim["image"], victim["share"]["token"]
    owner_paths = image_routes(image_id) + [f"/api/image/{image_id}/t/rotate:90/format:png",
                                            f"/api/albums/{victim['album']}/photos", f"/api/albums/{victim['album']}/download"]
    shared_paths = [f"/api/shared/{token}", f"/api/shared/{token}/download",
                    *[f"/api/shared/{token}/images/{image_id}/{kind}" for kind in IMAGE_KINDS]]
    cacheable = {}
    for client, paths in ((victim["client"], owner_paths), (Client(owners_stack), shared_paths)):
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            directives = {part.strip().split("=")[0] for part in response.headers.get("Cache-Control", "").split(",")}
            if "public" in directives or not directives & {"private", "no-store"}:
                cacheable[path] = response.headers.get("Cache-Control")
    assert cacheable == {}, f"shared caches may keep these: {cacheable}"
