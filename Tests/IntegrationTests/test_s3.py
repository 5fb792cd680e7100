"""Blobs in an S3 bucket (PEEK_BLOB_STORE=s3) against moto's server with authentication enforced:
uploads land in the bucket whole, nginx sends them (signed GETs through its internal location,
with ETags and 304s), a wrong secret is refused by the server and by Peek, PEEK_S3_PUBLIC_URL
redirects public blobs, and `peek-admin copy-blobs --to-s3` moves a local installation over."""
import hashlib

import botocore.exceptions
import pytest

import images
from owners import owner
from s3server import S3Server
from stack import Stack, json_error


def sha256(data):
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def s3():
    return S3Server.shared()


@pytest.fixture(scope="module")
def s3_stack(s3):
    stack = Stack(s3=s3, workers=1, registration="open").up()
    yield stack
    stack.destroy()


def test_an_upload_is_an_object_of_the_bucket_and_nginx_sends_it_with_its_etag(s3, s3_stack):
    data = images.numbered(101)
    image_id = s3_stack.accepted_id(data)
    assert s3.blob(s3_stack.bucket, sha256(data)) == data, "the PUT landed whole before the 202"
    body = s3_stack.wait_result(image_id).json()
    assert body["status"] == "completed"

    original = s3_stack.get(f"/api/image/{image_id}/original")
    assert original.status_code == 200 and original.content == data
    assert original.headers["Content-Type"] == "image/png"
    assert original.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    leaked = [name for name in original.headers if name.lower().startswith(("x-amz", "access-control", "x-peek"))]
    assert not leaked, f"the bucket's or the function's internal headers reached the client: {leaked}"
    again = s3_stack.get(f"/api/image/{image_id}/original", headers={"If-None-Match": original.headers["ETag"]})
    assert again.status_code == 304 and not again.content

    head = s3_stack.session.head(s3_stack.url(f"/api/image/{image_id}/annotated"), timeout=30)
    assert head.status_code == 200 and head.headers["Content-Type"] == "image/jpeg"
    for name in ("thumbnail", "web"):
        rendition = s3_stack.get(f"/api/image/{image_id}/{name}")
        assert rendition.status_code == 200 and rendition.content[8:12] == b"WEBP"
    transform = s3_stack.get(f"/api/image/{image_id}/t/resize:fit:16:16/format:png")
    assert transform.status_code == 200 and transform.content.startswith(b"\x89PNG")
    made = s3_stack.blob_digests()
    assert sha256(transform.content) in made and sha256(original.content) in made


def test_the_bucket_location_is_internal(s3_stack):
    digest = sha256(images.numbered(101))
    for path in (f"/_s3/{s3_stack.bucket}/blobs/{digest}", f"/api/../_s3/{s3_stack.bucket}/blobs/{digest}"):
        json_error(s3_stack.get(path), 404)


def test_a_deleted_image_leaves_no_object_and_an_album_photo_stays_private(s3, s3_stack):
    data = images.numbered(102)
    response = s3_stack.upload(data)
    image_id, token = response.json()["id"], response.json()["delete_token"]
    s3_stack.wait_result(image_id)
    made = s3_stack.blob_digests()
    assert s3_stack.session.delete(s3_stack.url(f"/api/images/{image_id}"), headers={"X-Delete-Token": token},
                                   timeout=30).status_code == 204
    left = s3_stack.blob_digests()
    assert sha256(data) not in left and len(made - left) >= 4, "the original, annotated copy and presets are gone"
    assert not s3.keys(s3_stack.bucket, "discarded/"), "nothing set aside stays behind"

    alice = owner(s3_stack)
    album = alice.new_album()
    photo = alice.added_photos(album["id"], [("photo.png", images.numbered(103))])[0]
    alice.analysed_photos(album["id"])
    sent = alice.get(f"/api/image/{photo}/original")
    assert sent.status_code == 200 and sent.content == images.numbered(103)
    assert sent.headers["Cache-Control"] == "private, no-cache"
    json_error(s3_stack.get(f"/api/image/{photo}/original"), 404)


def test_a_wrong_secret_is_refused_by_the_server_and_by_peek_with_a_clear_error(s3):
    wrong = "W" * 40
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        s3.client(secret=wrong).list_objects_v2(Bucket=s3.create_bucket())
    assert refused.value.response["Error"]["Code"] == "SignatureDoesNotMatch", "moto checks signatures"

    stack = Stack(s3=s3, workers=1)
    stack.env["PEEK_S3_SECRET_ACCESS_KEY"] = wrong
    try:
        with pytest.raises(RuntimeError, match="does not answer 200"):
            stack.up()
        health = stack.get("/api/health")
        assert health.status_code == 503 and health.json()["storage"] == "unavailable"
        assert health.json()["error"] == "blob storage refused the server's credentials"
        assert json_error(stack.upload(images.numbered(104)), 503) == "blob storage refused the server's credentials"
        with stack.database() as db:
            assert db.execute("SELECT COUNT(*) FROM images").fetchone()[0] == 0, "a refused PUT leaves no row"
        assert not s3.keys(stack.bucket)
        check = stack.admin("check")
        assert check.returncode != 0
        assert "refused the key pair: 403 SignatureDoesNotMatch" in check.stderr
        assert "PEEK_S3_SECRET_ACCESS_KEY" in check.stderr
        logs = stack.logs() + check.stdout + check.stderr
        assert wrong not in logs and s3.secret_access_key not in logs, "no secret is ever logged"
        assert "SignatureDoesNotMatch" in logs
    finally:
        stack.destroy()


def test_with_a_public_url_uploads_answer_it_and_public_blobs_redirect_there(s3):
    stack = Stack(s3=s3, workers=1, registration="open", s3_public_url="https://cdn.example.org/peek/").up()
    try:
        data = images.numbered(105)
        answer = stack.upload(data).json()
        assert answer["public_url"] == f"https://cdn.example.org/peek/blobs/{sha256(data)}"
        stack.wait_result(answer["id"])
        redirect = stack.get(f"/api/image/{answer['id']}/original", allow_redirects=False)
        assert redirect.status_code == 302 and redirect.headers["Location"] == answer["public_url"]
        assert redirect.headers["Cache-Control"] == "public, max-age=31536000, immutable"

        alice = owner(stack)
        album = alice.new_album()
        photo = alice.added_photos(album["id"], [("photo.png", images.numbered(106))])[0]
        sent = alice.get(f"/api/image/{photo}/original", allow_redirects=False)
        assert sent.status_code == 200 and sent.content == images.numbered(106), "album photos never leave for the public URL"
    finally:
        stack.destroy()


def test_copy_blobs_moves_a_local_installation_into_the_bucket_and_is_idempotent(s3):
    stack = Stack(workers=1, blob_store="local").up()
    try:
        ids = [stack.accepted_id(images.numbered(110 + index)) for index in range(3)]
        for image_id in ids:
            assert stack.wait_result(image_id).json()["status"] == "completed"
        local = stack.blob_digests()
        bucket = s3.create_bucket()
        first = stack.admin("copy-blobs", "--to-s3", **{key.removeprefix("PEEK_").lower(): value
                                                        for key, value in s3.settings(bucket).items()
                                                        if key != "PEEK_BLOB_STORE"})
        assert first.returncode == 0, first.stderr
        assert '"copied" : %d' % len(local) in first.stdout and '"present" : 0' in first.stdout, first.stdout
        assert s3.digests(bucket) == local
        again = stack.admin("copy-blobs", "--to-s3", **{key.removeprefix("PEEK_").lower(): value
                                                        for key, value in s3.settings(bucket).items()})
        assert '"copied" : 0' in again.stdout and '"present" : %d' % len(local) in again.stdout, again.stdout

        stack.down()
        stack.env.update(s3.settings(bucket))
        stack.up()
        for image_id, index in zip(ids, range(3)):
            assert stack.get(f"/api/image/{image_id}/original").content == images.numbered(110 + index)
        check = stack.admin("check")
        assert check.returncode == 0 and f'"store" : "s3://{bucket}"' in check.stdout, check.stdout + check.stderr
    finally:
        stack.destroy()
