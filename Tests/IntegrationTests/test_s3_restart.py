"""The S3 server killed and started again under a running stack: uploads meanwhile answer 202 or
503 JSON, a 503 leaves no row and a 202's blob was in the bucket when it was answered, and the
same processes serve again by themselves once the server is back. (moto keeps its objects in
memory: what the bucket held before the kill is gone after it, which real S3 does not do; the
test checks what Peek wrote after the server came back.)"""
import hashlib
import threading
import time

import pytest

import images
from s3server import S3Server
from stack import Stack, json_error


@pytest.fixture
def s3_server():
    """A server of this test's own: killing the session's would disturb the other stacks."""
    server = S3Server()
    yield server
    server.stop()


def processes(stack):
    pools = {name: (stack.pid(name), sorted(stack.children(stack.pid(name)))) for name in ("fn-analyze", "fn-image")}
    return pools, stack.pid("peek-worker-1")


def test_uploads_while_the_s3_server_is_killed_answer_202_or_503_and_service_resumes_by_itself(s3_server):
    stack = Stack(s3=s3_server, workers=1).up()
    try:
        running = processes(stack)
        answers, stop = [], threading.Event()

        def upload_many():
            index = 0
            while not stop.is_set():
                data = images.numbered(500 + index)
                response = stack.upload(data, f"burst-{index}.png")
                answers.append((time.time(), response.status_code, response.json(), data))
                index += 1

        uploader = threading.Thread(target=upload_many)
        uploader.start()
        while len(answers) < 5:
            time.sleep(0.02)
        s3_server.kill()
        killed_at = time.time()
        time.sleep(1.5)
        down = stack.upload(images.numbered(499), "while-down.png")
        assert json_error(down, 503) == "blob storage is not available; try again shortly"
        assert down.headers.get("Retry-After") == "5"
        health = stack.get("/api/health")
        assert health.status_code == 503 and health.json()["storage"] == "unavailable"
        s3_server.start()
        back_at = time.time()
        time.sleep(1.0)
        stop.set()
        uploader.join(timeout=120)

        statuses = [status for _, status, _, _ in answers]
        assert set(statuses) <= {202, 503}, statuses
        assert 503 in statuses, "some uploads met the server down"
        assert all(isinstance(body.get("error"), str) for _, status, body, _ in answers if status == 503)
        accepted = {body["id"]: data for _, status, body, data in answers if status == 202}
        with stack.database() as db:
            stored = {row[0] for row in db.execute("SELECT id FROM images")}
        assert stored == set(accepted), "every 202 has its row, no 503 left one"

        # Sent after the server was back: the bucket holds them whole and they are analysed.
        after = {body["id"]: data for sent, status, body, data in answers if status == 202 and sent > back_at + 0.5}
        after[stack.accepted_id(images.numbered(498), "after.png")] = images.numbered(498)
        for image_id, data in after.items():
            assert stack.wait_result(image_id, timeout=120).json()["status"] == "completed"
            assert stack.get(f"/api/image/{image_id}/original").content == data
        for digest in stack.blob_digests():
            assert hashlib.sha256(stack.blob_bytes(digest)).hexdigest() == digest, "no object is half written"
        assert processes(stack) == running, "no process was restarted"
        assert stack.get("/api/health").json()["status"] == "ok"
        assert killed_at < back_at
    finally:
        stack.destroy()
