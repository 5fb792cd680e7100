"""PostgreSQL restarting under a running stack (PEEK_DATABASE_URL): requests answer 503 JSON
meanwhile, nothing half written stays, and the same processes serve again by themselves."""
import threading

import pytest

import images
from stack import PostgreSQLServer, Stack, json_error

pytestmark = pytest.mark.skipif(PostgreSQLServer.binaries() is None, reason="PostgreSQL's server is not installed")


@pytest.fixture
def database_server():
    """A server of this test's own: restarting the session's would disturb the other stacks."""
    server = PostgreSQLServer()
    yield server
    server.stop()


def processes(stack):
    """The pids of some pools, their handler processes and the worker: a restart of any changes them."""
    pools = {name: (stack.pid(name), sorted(stack.children(stack.pid(name)))) for name in ("fn-analyze", "fn-results", "fn-health")}
    return pools, stack.pid("peek-worker-1")


def test_while_the_database_is_down_requests_answer_503_json_and_service_resumes_without_a_restart(database_server):
    stack = Stack(database_url=database_server.create_database(), workers=1).up()
    try:
        before = stack.accepted_id(images.sample("messi5.jpg"), "messi.jpg")
        assert stack.wait_result(before).json()["status"] == "completed"
        running = processes(stack)

        database_server.stop_server()
        json_error(stack.get(f"/api/results/{before}"), 503)
        json_error(stack.upload(images.sample("messi5.jpg"), "refused.jpg"), 503)
        health = stack.get("/api/health")
        assert health.status_code == 503 and health.json()["database"] == "unavailable"

        database_server.start()
        assert stack.get(f"/api/results/{before}").status_code == 200
        after = stack.accepted_id(images.sample("messi5.jpg"), "after.jpg")
        assert stack.wait_result(after).json()["status"] == "completed", "the worker claims again by itself"
        assert stack.get("/api/health").json()["status"] == "ok"
        assert processes(stack) == running, "no process was restarted"
        with stack.database() as db:
            names = sorted(row[0] for row in db.execute("SELECT original_filename FROM images"))
        assert names == ["after.jpg", "messi.jpg"], "the refused upload left no row"
    finally:
        stack.destroy()


def test_uploads_during_a_database_restart_are_each_accepted_and_analysed_or_refused_with_503_json(database_server):
    # A job whose outcome could not be recorded during the restart runs again once its lease ends.
    stack = Stack(database_url=database_server.create_database(), workers=2, lease_seconds=5).up()
    try:
        answers = []

        def upload_many():
            for index in range(30):
                response = stack.upload(images.numbered(index), f"burst-{index}.png")
                answers.append((response.status_code, response.json()))

        uploader = threading.Thread(target=upload_many)
        uploader.start()
        while len(answers) < 5 and uploader.is_alive():
            threading.Event().wait(0.02)
        database_server.restart()
        uploader.join(timeout=300)

        statuses = [status for status, _ in answers]
        assert set(statuses) <= {202, 503}, statuses
        assert statuses.count(202) >= 5
        accepted = [body["id"] for status, body in answers if status == 202]
        assert all(isinstance(body.get("error"), str) for status, body in answers if status == 503)
        for image_id in accepted:
            assert stack.wait_result(image_id, timeout=120).json()["status"] == "completed"
        with stack.database() as db:
            stored = {row[0] for row in db.execute("SELECT id FROM images")}
            states = {row[0] for row in db.execute("SELECT state FROM jobs")}
        assert stored == set(accepted), "every 202 is stored, nothing else is"
        assert states == {"done"}
    finally:
        stack.destroy()
