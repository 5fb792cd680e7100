"""Every route's success path through the real nginx and function pools."""
import hashlib

import images
from stack import json_error


def test_health_reports_database_queue_and_worker(queue_only):
    response = queue_only.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "connected" and body["storage"] == "writable"
    assert set(body["queue"]) >= {"queued", "running"}
    assert body["worker"]["alive"] is False  # this stack runs no worker


def test_upload_is_stored_queued_and_readable(queue_only):
    data = images.flat(format="JPEG")
    response = queue_only.upload(data, "photo.jpg", "image/jpeg")
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "processing" and len(body["id"]) == 22
    assert response.headers["Location"] == f"/api/results/{body['id']}"

    result = queue_only.get(f"/api/results/{body['id']}")
    assert result.status_code == 202
    assert result.json()["status"] == "processing" and result.json()["id"] == body["id"]

    with queue_only.database() as db:
        row = db.execute("SELECT * FROM images WHERE id = ?", (body["id"],)).fetchone()
        job = db.execute("SELECT * FROM jobs WHERE image_id = ?", (body["id"],)).fetchone()
    assert row["format"] == "JPEG" and row["width"] == 64 and row["height"] == 48
    assert row["original_filename"] == "photo.jpg"
    assert row["blob_sha256"] == hashlib.sha256(data).hexdigest()
    assert job["state"] == "queued"
    assert queue_only.blob_bytes(row["blob_sha256"]) == data


def test_original_is_sent_by_nginx_with_its_type_and_cache_headers(queue_only):
    data = images.flat(format="GIF")
    image_id = queue_only.accepted_id(data, "anim.gif")
    response = queue_only.get(f"/api/image/{image_id}/original")
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["Content-Type"] == "image/gif"
    assert "immutable" in response.headers["Cache-Control"]
    assert "X-Accel-Redirect" not in response.headers


def test_annotated_image_is_a_json_404_until_the_worker_made_it(queue_only):
    image_id = queue_only.accepted_id(images.flat())
    message = json_error(queue_only.get(f"/api/image/{image_id}/annotated"), 404)
    assert "not ready" in message

    drained = queue_only.run_worker_once()
    assert drained.returncode == 0, drained.stderr

    assert queue_only.get(f"/api/results/{image_id}").json()["status"] == "completed"
    annotated = queue_only.get(f"/api/image/{image_id}/annotated")
    assert annotated.status_code == 200 and annotated.headers["Content-Type"] == "image/jpeg"
    assert annotated.content[:3] == b"\xff\xd8\xff"


def test_identical_uploads_share_one_blob(queue_only):
    data = images.flat((1, 2, 3))
    first, second = queue_only.accepted_id(data), queue_only.accepted_id(data)
    assert first != second
    with queue_only.database() as db:
        digests = {row[0] for row in db.execute("SELECT blob_sha256 FROM images WHERE id IN (?, ?)", (first, second))}
    assert len(digests) == 1
    digest = digests.pop()
    assert queue_only.blob_exists(digest)
    if not queue_only.s3:
        assert len(list(queue_only.blob_path(digest).parent.iterdir())) == 1


def test_unknown_id_is_404(queue_only):
    json_error(queue_only.get("/api/results/AAAAAAAAAAAAAAAAAAAAAA"), 404)
    json_error(queue_only.get("/api/image/AAAAAAAAAAAAAAAAAAAAAA/original"), 404)


def test_static_page_and_spa_fallback(queue_only):
    index = queue_only.get("/")
    assert index.status_code == 200 and "text/html" in index.headers["Content-Type"]
    assert "default-src 'self'" in index.headers["Content-Security-Policy"]
    deep = queue_only.get("/r/AAAAAAAAAAAAAAAAAAAAAA")
    assert deep.status_code == 200 and deep.text == index.text


def test_json_is_gzipped_for_clients_that_accept_it(queue_only):
    image_id = queue_only.accepted_id(images.flat((9, 9, 9)))
    queue_only.run_worker_once()
    response = queue_only.get(f"/api/results/{image_id}", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
    assert response.json()["status"] == "completed"
