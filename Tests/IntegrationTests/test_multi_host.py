"""Workers on several hosts (SPEC §12, issue 14): hosts of the test's own (network namespaces on a
bridge): one for nginx and the functions, two worker hosts with data directories of their own,
PostgreSQL and the S3 server (moto, authentication enforced) each on its own address. 300 uploads;
one worker host is killed (SIGKILL to all its processes) mid-run; every upload still ends, once,
its jobs taken over by the host that survived, and every blob its rows name is in the bucket."""
import collections
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests
from PIL import Image

import hosts
import images
from stack import RELEASE, PostgreSQLRows, PostgreSQLServer, Stack

pytestmark = [
    pytest.mark.skipif(not hosts.available(), reason="needs root and `ip netns` (network namespaces)"),
    pytest.mark.skipif(PostgreSQLServer.binaries() is None, reason="PostgreSQL's server is not installed"),
]

UPLOADS = 300
LEASE_SECONDS = 4


@pytest.fixture
def network():
    network = hosts.Hosts(["front", "worker1", "worker2", "db", "s3"])
    yield network
    network.destroy()


def photos(count):
    """Distinct small photos (different bytes, so each is analysed): a real photo, one pixel changed."""
    base = Image.open(images.OPENCV_SAMPLES / "messi5.jpg").convert("RGB").resize((320, 200))
    for index in range(count):
        photo = base.copy()
        photo.putpixel((index % 320, index // 320), (index % 256, 255 - index % 256, 7))
        yield images.encoded(photo, "JPEG", quality=90)


class WorkerHost:
    """Two peek-worker processes on a host of their own, with a data directory of their own: they
    share nothing with the front but the database and the bucket, both over the network."""

    def __init__(self, network, name, front_env):
        self.name, self.logs = name, []
        self.data_dir = Path(tempfile.mkdtemp(prefix=f"peek-{name}-"))
        env = {**front_env, "PEEK_DATA_DIR": str(self.data_dir), "PEEK_RUN_DIR": str(self.data_dir / "run")}
        subprocess.run(network.command(name, [str(RELEASE / "peek-admin"), "migrate"]), env=env, check=True,
                       capture_output=True, timeout=60)
        for index in (1, 2):
            log = self.data_dir / f"worker-{index}.log"
            self.logs.append(log)
            with open(log, "ab") as output:
                subprocess.Popen(network.command(name, [str(RELEASE / "peek-worker")]), env=env, stdout=output,
                                 stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    def recorded(self):
        """image id → how many analyses of it this host recorded (one whose lease was lost is not)."""
        counts = collections.Counter()
        for log in self.logs:
            for line in log.read_text(errors="replace").splitlines():
                image = re.search(r"image\.id=(\S+)", line)
                if image and "job completed" in line:
                    counts[image.group(1)] += 1
                elif image and "lease lost" in line:
                    counts[image.group(1)] -= 1
        return counts

    def destroy(self):
        shutil.rmtree(self.data_dir, ignore_errors=True)


def wait_for(predicate, timeout, message):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(message())


def test_every_upload_ends_once_when_a_worker_host_dies_mid_run(network):
    from s3server import S3Server, ensure_venv
    ensure_venv()  # from this host: the test's hosts reach no package index
    database = PostgreSQLServer(host=network.address("db"), namespace=network.namespace("db"))
    with network.inside("s3"):
        s3 = S3Server(host=network.address("s3"), port=9000, netns=network.namespace("s3"))
    workers = {}
    with network.inside("front"):
        front = Stack(s3=s3, database_url=database.create_database(), workers=0, lease_seconds=LEASE_SECONDS)
    front.namespace_prefix = network.command("front", [])
    url = front.database_url

    def query(sql, parameters=()):
        with network.inside("front"), PostgreSQLRows(url) as db:
            return db.execute(sql, parameters).fetchall()

    try:
        front.up()
        workers = {name: WorkerHost(network, name, front.env) for name in ("worker1", "worker2")}
        uploads, failures = [], []

        def upload_all():
            with network.inside("front"):
                session = requests.Session()
                for index, data in enumerate(photos(UPLOADS)):
                    response = session.post(front.url("/api/analyze"), files={"image": (f"p{index}.jpg", data)}, timeout=60)
                    if response.status_code != 202:
                        failures.append(response.text)
                        return
                    uploads.append((response.json()["id"], hashlib.sha256(data).hexdigest()))

        client = threading.Thread(target=upload_all)
        client.start()
        done = lambda: query("SELECT COUNT(*) FROM images WHERE status <> 'processing'")[0][0]
        wait_for(lambda: done() >= UPLOADS // 4, 120, lambda: f"the workers analyse nothing\n{front.logs()}")

        killed = [row[0] for row in query("SELECT id FROM workers WHERE pid = ANY(?)", (network.pids("worker1"),))]
        network.kill("worker1")
        # Leased by the dead host and not finished: the other host must take each over once its lease ends.
        running = [row[0] for row in query("SELECT image_id FROM jobs WHERE state = 'running' AND lease_owner = ANY(?)",
                                           (killed,))]
        killed_at = done()

        client.join(timeout=300)
        assert not failures and len(uploads) == UPLOADS, f"every upload was accepted while a worker host died: {failures[:3]}"
        wait_for(lambda: done() == UPLOADS, 240, lambda: f"uploads still processing\n{front.logs()}")

        with network.inside("front"):
            session = requests.Session()
            for image_id, digest in uploads:
                assert session.get(front.url(f"/api/results/{image_id}")).json()["status"] == "completed", image_id
                original = session.get(front.url(f"/api/image/{image_id}/original"))
                assert original.status_code == 200 and hashlib.sha256(original.content).hexdigest() == digest
                annotated = session.get(front.url(f"/api/image/{image_id}/annotated"))
                assert annotated.status_code == 200 and annotated.content[:2] == b"\xff\xd8"

        by_host = {name: host.recorded() for name, host in workers.items()}
        for image_id, _ in uploads:
            recorded = sum(counts[image_id] for counts in by_host.values())
            assert recorded <= 1, f"{image_id} was recorded {recorded} times"
        assert sum(by_host["worker1"].values()) > 0 and sum(by_host["worker2"].values()) > 0, "both hosts worked"
        assert killed_at < UPLOADS and running, "the kill came mid-run, with jobs in the killed host's hands"
        for image_id in running:
            assert by_host["worker1"][image_id] == 0 and by_host["worker2"][image_id] == 1, \
                f"{image_id}, running on the killed host, was analysed by the other one"
        assert dict(query("SELECT state, COUNT(*) FROM jobs GROUP BY state")) == {"done": UPLOADS}

        named = {row[0] for row in query("""
            SELECT blob_sha256 FROM images UNION SELECT annotated_sha256 FROM images WHERE annotated_sha256 IS NOT NULL
            UNION SELECT blob_sha256 FROM renditions""")}
        with network.inside("s3"):
            in_bucket = s3.digests(front.bucket)
        assert named <= in_bucket, f"{len(named - in_bucket)} blobs missing from the bucket"
        check = subprocess.run(network.command("front", [str(RELEASE / "peek-admin"), "check"]), env=front.env,
                               capture_output=True, text=True, timeout=120)
        assert check.returncode == 0 and json.loads(check.stdout)["blobs"]["missing_count"] == 0, check.stdout + check.stderr
    finally:
        front.destroy()
        for host in workers.values():
            host.destroy()
        with network.inside("s3"):
            s3.stop()
        database.stop()
