"""Many clients at once, and a pool process dying, through the real stack."""
import time
from concurrent.futures import ThreadPoolExecutor

import requests

import images
from stack import kill, process_alive


def test_200_uploads_from_16_clients_are_all_accepted_and_stored(queue_only):
    payloads = [images.numbered(index) for index in range(200)]

    def upload(data):
        response = requests.post(queue_only.url("/api/analyze"), files={"image": ("n.png", data)}, timeout=60)
        return response.status_code, response.json().get("id")

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(upload, payloads))

    assert [status for status, _ in results] == [202] * 200
    ids = [image_id for _, image_id in results]
    assert len(set(ids)) == 200
    with queue_only.database() as db:
        rows = {row["id"]: row for row in db.execute(
            f"SELECT i.id, i.blob_sha256, j.state FROM images i JOIN jobs j ON j.image_id = i.id "
            f"WHERE i.id IN ({','.join('?' * len(ids))})", ids)}
    assert set(rows) == set(ids)
    assert all(queue_only.blob_exists(row["blob_sha256"]) for row in rows.values())
    assert all(row["state"] == "queued" for row in rows.values())


def test_route_keeps_answering_when_a_pool_process_is_killed(queue_only):
    image_id = queue_only.accepted_id(images.flat((3, 4, 5)))
    supervisor = queue_only.pid("fn-results")
    before = queue_only.children(supervisor)
    assert len(before) >= 2
    kill(before[0])
    # A connection the kernel queues for the process in the instant it dies is lost with it; the
    # requests start once it is gone (the test is about the pool, not that instant).
    deadline = time.time() + 5
    while time.time() < deadline and process_alive(before[0]):
        time.sleep(0.01)
    statuses = [queue_only.get(f"/api/results/{image_id}").status_code for _ in range(50)]
    assert set(statuses) == {202}
    # multiwatch replaces the dead process
    deadline = time.time() + 10
    while time.time() < deadline and len(queue_only.children(supervisor)) < len(before):
        time.sleep(0.1)
    after = queue_only.children(supervisor)
    assert len(after) == len(before) and before[0] not in after
