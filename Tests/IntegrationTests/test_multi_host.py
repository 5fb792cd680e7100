"""Workers on several hosts (SPEC §12, issue 14): hosts of the test's own (network namespaces on a
bridge) for nginx and the functions, two worker hosts, PostgreSQL on its own address. 300 uploads;
one worker host is killed (SIGKILL to all its processes) mid-run; every upload still ends once,
analysed by the host that survived, and its files are served."""
import collections
import json
import re
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from PIL import Image

import hosts
import images
from stack import RELEASE, ROOT, PostgreSQLServer, Stack

pytestmark = [
    pytest.mark.skipif(not hosts.available(), reason="needs root and `ip netns` (network namespaces)"),
    pytest.mark.skipif(PostgreSQLServer.binaries() is None, reason="PostgreSQL's server is not installed"),
]

UPLOADS = 300
LEASE_SECONDS = 4


@pytest.fixture
def network():
    network = hosts.Hosts(["front", "worker1", "worker2", "db"])
    yield network
    network.destroy()


def photos(folder, count):
    """Distinct small photos (different bytes, so each is analysed): a real photo, one pixel changed."""
    base = Image.open(images.OPENCV_SAMPLES / "messi5.jpg").convert("RGB").resize((320, 200))
    for index in range(count):
        photo = base.copy()
        photo.putpixel((index % 320, index // 320), (index % 256, 255 - index % 256, 7))
        photo.save(folder / f"photo-{index:03}.jpg", quality=90)


class WorkerHost:
    """peek-worker processes on a host of their own, reaching the database over the network."""

    def __init__(self, network, name, env, count=2):
        self.name, self.logs = name, []
        for index in range(1, count + 1):
            log = Path(env["PEEK_DATA_DIR"]) / "log" / f"{name}-worker-{index}.log"
            self.logs.append(log)
            with open(log, "ab") as output:
                subprocess.Popen(network.command(name, [str(RELEASE / "peek-worker")]), env=env, stdout=output,
                                 stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    def completed(self):
        """image id → how many times this host recorded its analysis (a lost lease is not recorded)."""
        counts = collections.Counter()
        for log in self.logs:
            for line in log.read_text(errors="replace").splitlines():
                image = re.search(r"image\.id=(\S+)", line)
                if image and "job completed" in line:
                    counts[image.group(1)] += 1
                elif image and "lease lost" in line:
                    counts[image.group(1)] -= 1
        return counts


def sql(network, url, query):
    result = subprocess.run(network.command("front", ["psql", "-X", "-At", "-F", "|", url, "-c", query]),
                            capture_output=True, text=True, timeout=30, check=True)
    return [line.split("|") for line in result.stdout.splitlines()]


def wait_for(predicate, timeout, message):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(message)


def test_every_upload_ends_once_when_a_worker_host_dies_mid_run(network):
    database = PostgreSQLServer(host=network.address("db"), namespace=network.namespace("db"))
    url = database.create_database()
    front = Stack(database_url=url, workers=0, lease_seconds=LEASE_SECONDS)
    front.namespace_prefix = network.command("front", [])
    folder = Path(tempfile.mkdtemp(prefix="peek-multi-host-"))
    try:
        front.up()
        photos(folder, UPLOADS)
        # The worker hosts share nothing with the front but the database and the blob store.
        worker_env = {**front.env, "PEEK_LEASE_SECONDS": str(LEASE_SECONDS)}
        workers = {name: WorkerHost(network, name, worker_env) for name in ("worker1", "worker2")}

        client = subprocess.Popen(network.command("front", ["/usr/bin/python3", str(ROOT / "Tests/IntegrationTests/uploader.py"),
                                                            "upload", front.base_url, str(folder)]),
                                  stdout=subprocess.PIPE, text=True)
        done = lambda: int(sql(network, url, "SELECT COUNT(*) FROM images WHERE status <> 'processing'")[0][0])
        wait_for(lambda: done() >= UPLOADS // 4, 120, "the workers analyse nothing")

        worker1_pids = [str(pid) for pid in network.pids("worker1")]
        running = sql(network, url, f"""
            SELECT j.image_id FROM jobs j JOIN workers w ON w.id = j.lease_owner
            WHERE j.state = 'running' AND w.pid IN ({",".join(worker1_pids)})""")
        network.kill("worker1")
        killed_at = done()

        uploaded, _ = client.communicate(timeout=300)
        assert client.returncode == 0, "every upload was accepted while a worker host died"
        uploads = json.loads(uploaded)
        assert len(uploads) == UPLOADS
        wait_for(lambda: done() == UPLOADS, 240, f"uploads still processing:\n{front.logs()}")

        answers = json.loads(subprocess.run(network.command("front", [
            "/usr/bin/python3", str(ROOT / "Tests/IntegrationTests/uploader.py"), "results", front.base_url,
            *[upload["id"] for upload in uploads]]), capture_output=True, text=True, check=True, timeout=300).stdout)
        for upload in uploads:
            answer = answers[upload["id"]]
            assert answer["status"] == "completed", (upload, answer)
            assert answer["original_sha256"] == upload["sha256"] and answer["annotated"], (upload, answer)

        by_host = {name: host.completed() for name, host in workers.items()}
        for upload in uploads:
            recorded = sum(counts[upload["id"]] for counts in by_host.values())
            assert recorded <= 1, f"{upload['id']} was recorded {recorded} times"
        assert sum(by_host["worker1"].values()) > 0 and sum(by_host["worker2"].values()) > 0, "both hosts worked"
        assert killed_at < UPLOADS and running, "the kill came mid-run, with jobs in the killed host's hands"
        for (image_id,) in running:
            assert by_host["worker1"][image_id] == 0 and by_host["worker2"][image_id] == 1, \
                f"{image_id}, running on the killed host, was analysed by the other one"
        states = dict(sql(network, url, "SELECT state, COUNT(*) FROM jobs GROUP BY state"))
        assert states == {"done": str(UPLOADS)}
    finally:
        front.destroy()
        database.stop()
        subprocess.run(["rm", "-rf", str(folder)])
