"""Soak test: concurrent clients upload images and read results and files while a chaos loop
SIGKILLs random function processes and the worker. At the end every upload that got a 202 must
be completed or failed (none lost, none stuck), the database must pass its integrity check, every
blob it names must exist, and only documented statuses may have been seen.
   /usr/bin/python3 bench/soak.py [seconds]"""
import collections
import json
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "IntegrationTests"))
import images  # noqa: E402
from stack import ROOT, RELEASE, Stack, kill  # noqa: E402

DOCUMENTED = {200, 202, 404, 413, 415, 422, 429, 502, 503, 504}
FUNCTIONS = sorted(path.parent.name for path in (ROOT / "Sources").glob("fn-*/function.conf"))


class Soak:
    def __init__(self, stack, seconds, clients=6, chaos_every=2.0):
        self.stack = stack
        self.deadline = time.time() + seconds
        self.clients = clients
        self.chaos_every = chaos_every
        self.lock = threading.Lock()
        self.accepted = []
        self.statuses = collections.Counter()
        self.undocumented = []
        self.kills = collections.Counter()
        self.reads = 0

    def record(self, response, what):
        with self.lock:
            self.statuses[response.status_code] += 1
            json_body = response.headers.get("Content-Type", "").startswith("application/json")
            if response.status_code not in DOCUMENTED or (response.status_code >= 400 and not json_body):
                self.undocumented.append((what, response.status_code, response.text[:200]))

    def client(self, seed):
        session = requests.Session()
        rng = random.Random(seed)
        counter = 0
        while time.time() < self.deadline:
            counter += 1
            try:
                if rng.random() < 0.35 or not self.accepted:
                    data = images.numbered(seed * 100_000 + counter, rng.choice(["PNG", "JPEG", "GIF", "BMP"]))
                    response = session.post(self.stack.url("/api/analyze"), files={"image": ("s", data)}, timeout=30)
                    self.record(response, "upload")
                    if response.status_code == 202:
                        with self.lock:
                            self.accepted.append(response.json()["id"])
                else:
                    image_id = rng.choice(self.accepted)
                    path = rng.choice([f"/api/results/{image_id}", f"/api/image/{image_id}/original",
                                       f"/api/image/{image_id}/annotated", "/api/health"])
                    self.record(session.get(self.stack.url(path), timeout=30), path.split("/")[2])
                    with self.lock:
                        self.reads += 1
            except requests.RequestException as error:  # a connection cut by a kill: counted, retried
                with self.lock:
                    self.statuses["connection-error"] += 1

    def chaos(self):
        rng = random.Random(7)
        while time.time() < self.deadline:
            time.sleep(self.chaos_every)
            if rng.random() < 0.3:
                worker = self.stack.pid("peek-worker-1")
                if worker:
                    for child in self.stack.children(worker):
                        kill(child)
                    kill(worker)
                    self.kills["peek-worker"] += 1
                    time.sleep(0.5)
                    self.stack.up()  # what systemd's Restart= does on a VPS
            else:
                name = rng.choice(FUNCTIONS)
                children = self.stack.children(self.stack.pid(name))
                if children:
                    kill(rng.choice(children))
                    self.kills[name] += 1

    def run(self):
        threads = [threading.Thread(target=self.client, args=(index + 1,)) for index in range(self.clients)]
        threads.append(threading.Thread(target=self.chaos))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return self.settle()

    def settle(self, timeout=180):
        """Waits for every accepted upload to end, then checks the data directory."""
        deadline = time.time() + timeout
        outcome = {}
        while time.time() < deadline:
            with self.stack.database() as db:
                marks = ",".join("?" * len(self.accepted))
                outcome = dict(db.execute(f"SELECT id, status FROM images WHERE id IN ({marks})", self.accepted).fetchall())
            if all(outcome.get(image_id) in ("completed", "failed") for image_id in self.accepted):
                break
            time.sleep(0.5)
        check = subprocess.run([str(RELEASE / "peek-admin"), "check"], env=self.stack.env, capture_output=True, text=True)
        return {
            "uploads accepted": len(self.accepted),
            "reads": self.reads,
            "kills": dict(self.kills),
            "lost": sum(1 for image_id in self.accepted if image_id not in outcome),
            "stuck": sum(1 for image_id in self.accepted if outcome.get(image_id) == "processing"),
            "completed": sum(1 for status in outcome.values() if status == "completed"),
            "failed": sum(1 for status in outcome.values() if status == "failed"),
            "statuses": dict(sorted(self.statuses.items(), key=str)),
            "undocumented responses": self.undocumented[:10],
            "data check ok": check.returncode == 0,
            "data check": self.summary(check),
        }


    @staticmethod
    def summary(check):
        try:
            report = json.loads(check.stdout)
        except ValueError:
            return check.stderr.strip()[-300:]
        blobs = report.get("blobs", {})
        return {"integrity_check": report.get("integrity_check"), "rows": report.get("rows"),
                "blobs_referenced": blobs.get("referenced"), "blobs_missing": blobs.get("missing_count")}


def soak(seconds):
    stack = Stack(lease_seconds=5, workers=1).up()
    try:
        return Soak(stack, seconds).run()
    finally:
        stack.destroy()


if __name__ == "__main__":
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    report = soak(seconds)
    for key, value in report.items():
        print(f"{key:>24}: {value}")
    good = report["lost"] == 0 and report["stuck"] == 0 and report["data check ok"] and not report["undocumented responses"]
    sys.exit(0 if good else 1)
