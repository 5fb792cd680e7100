"""One client's backlog, through the real stack: capped with a 429 (and the whole queue with a 503)
that says when to retry, served round-robin so that another client is not starved, and reported by
/api/health when uploads wait too long."""
import http.client
import json
import time
import uuid

import images
from stack import Stack, json_error


def upload_from(stack, source_address, data):
    """POST /api/analyze from a given loopback address, so nginx sees another client."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30, source_address=(source_address, 0))
    try:
        connection.request("POST", "/api/analyze", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_a_client_past_its_backlog_limit_gets_429_with_retry_after_and_nothing_is_stored():
    stack = Stack(workers=0, queue_per_client=3).up()
    try:
        for index in range(3):
            assert stack.upload(images.numbered(index)).status_code == 202
        blobs_before = stack.blob_digests()
        refused = stack.upload(images.numbered(99))
        assert "waiting for analysis" in json_error(refused, 429)
        assert refused.headers["Retry-After"] == "10"
        assert stack.blob_digests() == blobs_before
        status, _, _ = upload_from(stack, "127.0.0.2", images.numbered(100))
        assert status == 202, "another client is not limited by the first one's backlog"
        with stack.database() as db:
            assert db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 4
    finally:
        stack.destroy()


def test_a_full_queue_answers_503_with_retry_after():
    stack = Stack(workers=0, queue_max=2).up()
    try:
        for index in range(2):
            assert stack.upload(images.numbered(index)).status_code == 202
        refused = stack.upload(images.numbered(2))
        assert "queue is full" in json_error(refused, 503)
        assert refused.headers["Retry-After"] == "30"
    finally:
        stack.destroy()


def test_a_latecomer_is_analysed_before_the_rest_of_another_clients_backlog():
    stack = Stack(workers=0).up()
    try:
        backlog = [stack.accepted_id(images.numbered(index)) for index in range(5)]
        status, _, body = upload_from(stack, "127.0.0.3", images.numbered(50))
        assert status == 202
        latecomer = json.loads(body)["id"]
        result = stack.run_worker_once()
        assert result.returncode == 0, result.stderr
        with stack.database() as db:
            order = [row[0] for row in db.execute("SELECT id FROM images ORDER BY completed_at")]
        assert order[:3] == [backlog[0], latecomer, backlog[1]]
    finally:
        stack.destroy()


def test_health_is_degraded_while_the_oldest_upload_waits_too_long():
    stack = Stack(workers=0, queue_wait_degraded_seconds=1).up()
    try:
        assert stack.get("/api/health").status_code == 200
        stack.accepted_id(images.numbered(7))
        time.sleep(1.5)
        health = stack.get("/api/health")
        assert health.status_code == 503
        assert health.json()["status"] == "degraded" and "waited" in health.json()["error"]
        assert stack.run_worker_once().returncode == 0
        assert stack.get("/api/health").status_code == 200
    finally:
        stack.destroy()
