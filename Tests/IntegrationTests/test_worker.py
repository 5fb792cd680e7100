"""The worker with the real stack: end to end, faults, and several workers at once."""
import subprocess
import threading
import time

import pytest

import images
from stack import ROOT, RELEASE, Stack, kill

SPEC_FIELDS = {
    "dominant_colors": list, "brightness": int, "faces_detected": int, "face_locations": list,
    "text_found": bool, "extracted_text": str, "word_count": int, "sharpness_score": (int, float),
    "blur_level": str, "contrast_score": (int, float), "quality_score": (int, float), "scene_type": str,
    "scene_confidence": (int, float),
}


def job(stack, image_id):
    with stack.database() as db:
        return db.execute("SELECT * FROM jobs WHERE image_id = ?", (image_id,)).fetchone()


def wait_for_state(stack, image_id, state, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        row = job(stack, image_id)
        if row and row["state"] == state:
            return row
        time.sleep(0.02)
    raise AssertionError(f"job of {image_id} never reached {state}\n{stack.logs()}")


def analysis_process(stack, other_than=()):
    """The pid of the worker's analysis process, once one runs that is not in `other_than`."""
    worker = stack.pid("peek-worker-1")
    deadline = time.time() + 20
    while time.time() < deadline:
        children = [pid for pid in stack.children(worker) if pid not in other_than]
        if children:
            return children[0]
        time.sleep(0.02)
    raise AssertionError("the worker started no analysis process")


def test_photo_with_a_face_completes_with_every_insight_and_an_annotated_copy(stack):
    image_id = stack.accepted_id(images.sample("messi5.jpg"), "messi.jpg")
    body = stack.wait_result(image_id).json()
    assert body["status"] == "completed", body
    insights = body["insights"]
    for field, kind in SPEC_FIELDS.items():
        assert isinstance(insights[field], kind), (field, insights[field])
    assert 1 <= len(insights["dominant_colors"]) <= 5
    assert all(color.startswith("#") and len(color) == 7 for color in insights["dominant_colors"])
    assert 0 <= insights["brightness"] <= 255
    assert insights["faces_detected"] == len(insights["face_locations"]) >= 1
    assert insights["blur_level"] in {"high", "medium", "low"}
    assert insights["scene_type"] in {"outdoor", "nature", "indoor"}
    assert (insights["width"], insights["height"]) == (548, 342)
    assert insights["processing_ms"] > 0

    annotated = stack.get(f"/api/image/{image_id}/annotated")
    assert annotated.status_code == 200 and annotated.headers["Content-Type"] == "image/jpeg"
    from PIL import Image
    import io
    assert Image.open(io.BytesIO(annotated.content)).size == (548, 342)


def test_text_image_is_read_by_ocr(stack):
    image_id = stack.accepted_id(images.sample("imageTextN.png"), "text.png")
    insights = stack.wait_result(image_id).json()["insights"]
    assert insights["text_found"] is True and insights["word_count"] > 0
    assert insights["word_count"] == len(insights["extracted_text"].split())


def test_undecodable_image_fails_with_a_message_and_the_next_completes(stack):
    truncated = images.flat(size=(300, 300), format="PNG")[:200]
    broken = stack.accepted_id(truncated, "cut.png")
    body = stack.wait_result(broken).json()
    assert body["status"] == "failed" and "decode" in body["error"]
    assert stack.wait_result(stack.accepted_id(images.flat((1, 200, 3)))).json()["status"] == "completed"


def test_health_sees_the_worker_heartbeat(stack):
    worker = stack.get("/api/health").json()["worker"]
    assert worker["alive"] is True and worker["last_heartbeat_age_seconds"] < 10


@pytest.fixture
def fault_stack():
    stack = Stack(lease_seconds=3, job_timeout_seconds=30, workers=1).up()
    yield stack
    stack.destroy()


def test_worker_killed_mid_job_finishes_the_job_after_restart(fault_stack):
    image_id = fault_stack.accepted_id(images.enlarged_photo(size=(4000, 3000)), "big.jpg")
    wait_for_state(fault_stack, image_id, "running")
    child = analysis_process(fault_stack)
    kill(fault_stack.pid("peek-worker-1"))
    kill(child)
    fault_stack.up()  # starts the missing worker again
    body = fault_stack.wait_result(image_id, timeout=90).json()
    assert body["status"] == "completed", body
    assert job(fault_stack, image_id)["attempts"] == 2


def test_crashing_analysis_is_retried_then_fails_and_the_worker_survives(fault_stack):
    image_id = fault_stack.accepted_id(images.enlarged_photo(size=(4000, 3000)), "crashy.jpg")
    killed = []
    for _ in range(3):
        wait_for_state(fault_stack, image_id, "running")
        killed.append(analysis_process(fault_stack, other_than=killed))
        kill(killed[-1], 11)  # as if the decoder had crashed
    body = fault_stack.wait_result(image_id).json()
    assert body["status"] == "failed" and "3 times" in body["error"], (body, fault_stack.logs())
    assert job(fault_stack, image_id)["attempts"] == 3
    # the worker itself is fine and takes the next upload
    assert fault_stack.wait_result(fault_stack.accepted_id(images.flat((9, 99, 199)))).json()["status"] == "completed"


def test_analysis_over_its_time_limit_fails_and_the_next_upload_completes():
    stack = Stack(job_timeout_seconds=0.2).up()  # decoding 35 MP alone takes longer
    try:
        slow = stack.accepted_id(images.enlarged_photo(size=(7000, 5000)), "huge.jpg")
        body = stack.wait_result(slow, timeout=60).json()
        assert body["status"] == "failed" and "timed out" in body["error"], body
        assert stack.wait_result(stack.accepted_id(images.flat((10, 20, 30)))).json()["status"] == "completed"
    finally:
        stack.destroy()


def test_analysis_over_its_memory_limit_fails_and_the_next_upload_completes():
    stack = Stack(job_memory_mb=200).up()  # the analysis process idles at about 115 MB
    try:
        big = stack.accepted_id(images.enlarged_photo(size=(7000, 5000)), "huge.jpg")
        body = stack.wait_result(big, timeout=60).json()
        assert body["status"] == "failed" and "memory" in body["error"], body
        small = stack.accepted_id(images.flat((30, 20, 10), size=(32, 32)))
        assert stack.wait_result(small).json()["status"] == "completed"
    finally:
        stack.destroy()


def test_two_workers_process_100_jobs_exactly_once(queue_only):
    ids = [queue_only.accepted_id(images.numbered(1000 + index)) for index in range(100)]
    workers = [subprocess.Popen([str(RELEASE / "peek-worker"), "--once"], env=queue_only.env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    logs = [worker.communicate(timeout=600)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], logs
    done = [{line.split("image.id=")[1].split()[0] for line in log.splitlines() if "job completed" in line}
            for log in logs]
    assert not done[0] & done[1]
    assert done[0] | done[1] >= set(ids)
    with queue_only.database() as db:
        rows = db.execute(f"SELECT j.attempts, i.status FROM jobs j JOIN images i ON i.id = j.image_id "
                          f"WHERE i.id IN ({','.join('?' * len(ids))})", ids).fetchall()
    assert len(rows) == 100
    assert all(row["status"] == "completed" and row["attempts"] == 1 for row in rows)


def test_sigterm_mid_job_hands_the_job_back_without_using_an_attempt():
    stack = Stack(stop_grace_seconds=0, job_timeout_seconds=30, workers=1).up()
    try:
        image_id = stack.accepted_id(images.enlarged_photo(size=(4000, 3000)), "big.jpg")
        wait_for_state(stack, image_id, "running")
        analysis_process(stack)
        worker = stack.pid("peek-worker-1")
        kill(worker, 15)
        deadline = time.time() + 10
        while time.time() < deadline and subprocess.run(["ps", "-o", "stat=", "-p", str(worker)],
                                                         capture_output=True, text=True).stdout.strip()[:1] not in ("", "Z"):
            time.sleep(0.05)
        assert time.time() < deadline, "the worker did not exit after SIGTERM"
        row = job(stack, image_id)
        assert row["state"] == "queued" and row["attempts"] == 0
        stack.up()
        assert stack.wait_result(image_id, timeout=60).json()["status"] == "completed"
        assert job(stack, image_id)["attempts"] == 1
    finally:
        stack.destroy()


def with_comment(jpeg, text):
    """The same pixels in other bytes: a JPEG comment segment right after SOI."""
    comment = text.encode()
    return jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]


def test_identical_bytes_are_completed_at_once_from_the_earlier_analysis(stack):
    data = with_comment(images.sample("fruits.jpg"), f"identical {time.time()}")
    first = stack.accepted_id(data, "first.jpg")
    analysed = stack.wait_result(first).json()
    assert analysed["status"] == "completed", analysed

    second = stack.accepted_id(data, "second.jpg")
    body = stack.get(f"/api/results/{second}").json()  # the first poll: no job to wait for
    assert body["status"] == "completed" and body["insights"] == analysed["insights"], body
    assert job(stack, second) is None
    with stack.database() as db:
        rows = {row["id"]: row for row in db.execute("SELECT * FROM images WHERE id IN (?, ?)", (first, second))}
    assert rows[second]["annotated_sha256"] == rows[first]["annotated_sha256"]
    assert rows[second]["pipeline_version"] == rows[first]["pipeline_version"] is not None
    # its own upload fields: name and deletion token
    assert rows[second]["original_filename"] == "second.jpg"
    assert rows[second]["delete_token_hash"] not in (None, rows[first]["delete_token_hash"])
    for kind in ("annotated", "thumbnail", "web"):
        assert stack.get(f"/api/image/{second}/{kind}").status_code == 200, kind


def test_other_bytes_of_the_same_pixels_and_other_pipeline_versions_are_analysed_anew(stack):
    photo = images.sample("home.jpg")
    first = stack.accepted_id(with_comment(photo, f"one {time.time()}"), "one.jpg")
    assert stack.wait_result(first).json()["status"] == "completed"
    other_bytes = stack.accepted_id(with_comment(photo, f"two {time.time()}"), "two.jpg")
    assert job(stack, other_bytes) is not None
    assert stack.wait_result(other_bytes).json()["status"] == "completed"

    data = with_comment(photo, f"three {time.time()}")
    older = stack.accepted_id(data, "three.jpg")
    assert stack.wait_result(older).json()["status"] == "completed"
    with stack.database() as db:
        db.execute("UPDATE images SET pipeline_version = 'vision-0' WHERE id = ?", (older,))
    again = stack.accepted_id(data, "again.jpg")
    assert job(stack, again) is not None
    assert stack.wait_result(again).json()["status"] == "completed"


def test_the_workers_insights_are_the_analysis_of_the_file_alone(stack, tmp_path):
    """Regression: the renditions made beside the analyzers once swapped red and blue in the very
    pixels the analyzers read (scene, colours and scores moved); the worker must give exactly
    what `peek-worker analyze` gives for the same file."""
    import json
    for name in ("fruits.jpg", "baboon.jpg", "rubberwhale1.png"):
        data = images.sample(name)
        data = with_comment(data, f"alone {time.time()}") if data[:2] == b"\xff\xd8" else data
        path = tmp_path / name
        path.write_bytes(data)
        alone = json.loads(subprocess.run([str(RELEASE / "peek-worker"), "analyze", str(path)], capture_output=True,
                                          text=True, check=True).stdout)["insights"]
        body = stack.wait_result(stack.accepted_id(data, name)).json()
        assert body["status"] == "completed", body
        worker = {key: value for key, value in body["insights"].items() if key != "processing_ms"}
        assert worker == {key: value for key, value in alone.items() if key != "processing_ms"}, name
