"""Deleting images (SPEC §10, issue 12): the delete token of an anonymous upload, the owner's own
deletions of photos and albums, blobs removed only when nothing names them any more, uploads closed
to anonymous clients, and the retention sweep."""
import os
import time

import pytest

import images
from owners import Client, album_with_photos, owner, sha256
from stack import Stack, json_error

WRONG_TOKEN = {"error": "wrong or missing X-Delete-Token"}


def no_image(image_id):
    return {"error": f"no image with id {image_id}"}


def every_route(image_id):
    """What can be asked about one image, by its id."""
    return [f"/api/results/{image_id}", f"/api/image/{image_id}/original", f"/api/image/{image_id}/annotated",
            f"/api/image/{image_id}/thumbnail", f"/api/image/{image_id}/web", f"/api/image/{image_id}/t/grayscale",
            f"/api/image/{image_id}/t/flip:v/format:png"]


def anonymous_upload(stack, data):
    response = stack.upload(data)
    assert response.status_code == 202, response.text
    body = response.json()
    assert set(body) == {"id", "status", "delete_token"} and len(body["delete_token"]) == 43, body
    assert stack.wait_result(body["id"]).json()["status"] == "completed"
    return body["id"], body["delete_token"]


def made_blobs(stack, image_id):
    """Every blob the image names: its original, its annotated copy, its renditions (thumbnail, web, transforms)."""
    with stack.database() as db:
        original, annotated = db.execute("SELECT blob_sha256, annotated_sha256 FROM images WHERE id = ?",
                                         (image_id,)).fetchone()
        renditions = [row[0] for row in db.execute("SELECT blob_sha256 FROM renditions WHERE source_sha256 = ?",
                                                   (original,))]
    return [original, annotated, *renditions]


def read_everything(client, image_id):
    for path in every_route(image_id):
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:200]}"


def assert_gone(stack, client, image_id, blobs):
    for path in every_route(image_id):
        response = client.get(path)
        assert (response.status_code, response.json()) == (404, no_image(image_id)), path
    with stack.database() as db:
        assert db.execute("SELECT COUNT(*) FROM images WHERE id = ?", (image_id,)).fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM jobs WHERE image_id = ?", (image_id,)).fetchone()[0] == 0
    for digest in blobs:
        assert not stack.blob_exists(digest), f"blob {digest} of {image_id} is still stored"


def test_the_delete_token_and_only_it_deletes_an_anonymous_upload_with_everything_made_from_it(owners_stack):
    anyone = Client(owners_stack)
    image_id, token = anonymous_upload(owners_stack, images.numbered(1101))
    other_id, other_token = anonymous_upload(owners_stack, images.numbered(1102))
    read_everything(anyone, image_id)
    blobs = made_blobs(owners_stack, image_id)
    assert len(blobs) >= 5 and all(owners_stack.blob_exists(digest) for digest in blobs)

    flipped = token.swapcase() if token.swapcase() != token else token[:-1] + "A"
    for headers in ({}, {"X-Delete-Token": ""}, {"X-Delete-Token": "x" * 43}, {"X-Delete-Token": other_token},
                    {"X-Delete-Token": flipped}, {"X-Delete-Token": token[:-1]}):
        response = anyone.delete(f"/api/images/{image_id}", headers=headers)
        assert (response.status_code, response.json()) == (403, WRONG_TOKEN), (headers, response.text)
    read_everything(anyone, image_id)

    deleted = anyone.delete(f"/api/images/{image_id}", headers={"X-Delete-Token": token})
    assert deleted.status_code == 204 and deleted.content == b"", deleted.text
    assert_gone(owners_stack, anyone, image_id, blobs)
    again = anyone.delete(f"/api/images/{image_id}", headers={"X-Delete-Token": token})
    assert (again.status_code, again.json()) == (404, no_image(image_id))
    read_everything(anyone, other_id)


def test_a_blob_shared_by_identical_uploads_stays_until_the_last_is_deleted(owners_stack):
    data = images.numbered(1103)
    first, first_token = anonymous_upload(owners_stack, data)
    second, second_token = anonymous_upload(owners_stack, data)
    anyone = Client(owners_stack)
    read_everything(anyone, first)
    blobs = made_blobs(owners_stack, first)
    assert blobs[0] == sha256(data) and made_blobs(owners_stack, second)[0] == blobs[0]

    assert anyone.delete(f"/api/images/{first}", headers={"X-Delete-Token": first_token}).status_code == 204
    assert owners_stack.blob_exists(sha256(data))
    read_everything(anyone, second)
    assert anyone.get(f"/api/image/{second}/original").content == data
    for path in every_route(first):
        assert anyone.get(path).status_code == 404, path

    assert anyone.delete(f"/api/images/{second}", headers={"X-Delete-Token": second_token}).status_code == 204
    assert_gone(owners_stack, anyone, second, blobs)


def test_the_owner_deletes_an_album_photo_by_the_album_or_by_the_image_route(owners_stack):
    alice = owner(owners_stack, "deleter")
    api, _ = alice.api_client()
    album, (kept, dropped, by_image) = album_with_photos(
        alice, [("kept.png", images.numbered(1104)), ("dropped.png", images.numbered(1105)),
                ("by-image.png", images.numbered(1106))])
    assert alice.put(f"/api/albums/{album['id']}/cover/{dropped}").status_code == 200
    for image_id in (kept, dropped, by_image):
        read_everything(alice, image_id)
    dropped_blobs, by_image_blobs = made_blobs(owners_stack, dropped), made_blobs(owners_stack, by_image)

    assert alice.delete(f"/api/albums/{album['id']}/photos/{dropped}").status_code == 204
    assert_gone(owners_stack, alice, dropped, dropped_blobs)
    assert api.delete(f"/api/images/{by_image}").status_code == 204, "the owner needs no delete token"
    assert_gone(owners_stack, alice, by_image, by_image_blobs)

    assert [photo["image_id"] for photo in alice.photos(album["id"])] == [kept]
    after = alice.get(f"/api/albums/{album['id']}").json()
    assert after["photo_count"] == 1 and after["cover_image_id"] != dropped
    json_error(alice.delete(f"/api/albums/{album['id']}/photos/{dropped}"), 404)
    read_everything(alice, kept)


def test_deleting_an_album_deletes_its_photos_and_its_share_links(owners_stack):
    alice = owner(owners_stack, "album-deleter")
    album, image_ids = album_with_photos(alice, [("a.png", images.numbered(1107)), ("b.png", images.numbered(1108))])
    share = alice.new_share(album["id"])
    blobs = {image_id: made_blobs(owners_stack, image_id) for image_id in image_ids}
    other, (other_image,) = album_with_photos(alice, [("c.png", images.numbered(1109))], "another album")

    assert alice.delete(f"/api/albums/{album['id']}").status_code == 204
    json_error(alice.get(f"/api/albums/{album['id']}"), 404)
    json_error(alice.get(f"/api/albums/{album['id']}/photos"), 404)
    assert Client(owners_stack).get(f"/api/shared/{share['token']}").status_code == 404
    for image_id in image_ids:
        assert_gone(owners_stack, alice, image_id, blobs[image_id])
    with owners_stack.database() as db:
        assert db.execute("SELECT COUNT(*) FROM images WHERE album_id = ?", (album["id"],)).fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM shares WHERE album_id = ?", (album["id"],)).fetchone()[0] == 0
    assert [entry["id"] for entry in alice.get("/api/albums").json()["albums"]] == [other["id"]]
    read_everything(alice, other_image)


def test_with_anonymous_uploads_off_analyze_needs_login():
    stack = Stack(anonymous_uploads="off").up()
    try:
        alice = owner(stack, "uploader")
        api, _ = alice.api_client()
        data = images.numbered(1110)
        json_error(Client(stack).post("/api/analyze", files={"image": ("a.png", data, "image/png")}), 401)
        bogus = Client(stack, token="peek_" + "A" * 43)
        assert json_error(bogus.post("/api/analyze", files={"image": ("a.png", data, "image/png")}), 401) \
            .startswith("log in first")
        no_csrf = alice.post("/api/analyze", csrf=False, files={"image": ("a.png", data, "image/png")})
        assert (no_csrf.status_code, no_csrf.json()) == (403, {
            "error": "this request needs the X-CSRF-Token header of your session (GET /api/session gives it)"})
        with stack.database() as db:
            assert db.execute("SELECT COUNT(*) FROM images").fetchone()[0] == 0
        assert not stack.blob_digests()
        for client in (api, alice):
            response = client.post("/api/analyze", files={"image": ("a.png", data, "image/png")})
            assert response.status_code == 202, response.text
            assert client.get(f"/api/results/{response.json()['id']}").status_code in (200, 202)
    finally:
        stack.destroy()


def test_the_retention_sweep_deletes_old_anonymous_uploads_orphan_blobs_and_stale_temp_files():
    stack = Stack(retention_days=1).up()
    try:
        old, _ = anonymous_upload(stack, images.numbered(1111))
        fresh, _ = anonymous_upload(stack, images.numbered(1112))
        alice = owner(stack, "keeper")
        _, (owned,) = album_with_photos(alice, [("kept.png", images.numbered(1113))])
        anyone = Client(stack)
        read_everything(anyone, old)
        old_blobs = made_blobs(stack, old)
        two_days_ago = time.time() - 2 * 86400
        with stack.database() as db:
            db.execute("UPDATE images SET created_at = created_at - 172800 WHERE id IN (?, ?)", (old, owned))
        # A file's age can be set back, an S3 object's cannot: on S3 an orphan is a fresh object,
        # which the sweep must keep (it may belong to an upload under way).
        orphan_data = b"an orphan blob nothing names"
        orphan = stack.blob_path(sha256(orphan_data))
        stale = stack.data_dir / "tmp" / "upload-left-behind.tmp"
        stale.write_bytes(b"half written")
        if stack.s3:
            stack.s3.put_blob(stack.bucket, orphan_data)
            os.utime(stale, (two_days_ago, two_days_ago))
        else:
            orphan.parent.mkdir(parents=True, exist_ok=True)
            orphan.write_bytes(orphan_data)
            for path in (orphan, stale):
                os.utime(path, (two_days_ago, two_days_ago))

        result = stack.admin("sweep")
        assert result.returncode == 0, result.stdout + result.stderr
        assert_gone(stack, anyone, old, old_blobs)
        assert not stale.exists()
        assert stack.blob_exists(sha256(orphan_data)) if stack.s3 else not orphan.exists()
        read_everything(anyone, fresh)
        read_everything(alice, owned)
    finally:
        stack.destroy()


@pytest.mark.parametrize("retention", ["", "0"])
def test_without_retention_the_sweep_keeps_old_anonymous_uploads(owners_stack, retention):
    image_id, _ = anonymous_upload(owners_stack, images.numbered(1114 + len(retention)))
    with owners_stack.database() as db:
        db.execute("UPDATE images SET created_at = created_at - 3650 * 86400 WHERE id = ?", (image_id,))
    result = owners_stack.admin("sweep", retention_days=retention)
    assert result.returncode == 0, result.stdout + result.stderr
    read_everything(Client(owners_stack), image_id)


def test_an_owner_s_own_analyze_upload_is_hers_to_delete_and_no_one_else_s(owners_stack):
    alice, mallory = owner(owners_stack, "analyzer"), owner(owners_stack, "analyzer-other")
    alice_api, _ = alice.api_client()
    mallory_api, _ = mallory.api_client()
    response = alice_api.post("/api/analyze", files={"image": ("mine.png", images.numbered(1120), "image/png")})
    assert response.status_code == 202, response.text
    image_id = response.json()["id"]
    assert owners_stack.wait_result(image_id).json()["status"] == "completed"
    for attacker in (mallory, mallory_api, Client(owners_stack)):
        refused = attacker.delete(f"/api/images/{image_id}")
        assert (refused.status_code, refused.json()) == (403, WRONG_TOKEN), refused.text
    read_everything(Client(owners_stack), image_id)
    assert alice_api.delete(f"/api/images/{image_id}").status_code == 204
