"""Scaling out, side by side in one run on the same machine: SQLite + files against PostgreSQL + S3
(a PostgreSQL server and moto's S3 server, authentication enforced, both started on loopback as
the tests start them). For each: uploads per second and GET /api/results/ID per second (4 client
threads, no worker running), claim-to-pickup latency (enqueue → a worker's claim, from the job
table's timestamps, an idle worker each time), and jobs per second drained by 4 workers from a
queue of trivial jobs (PEEK_BENCHMARK_STUB_ANALYSIS=on: each job completes at once, so the run
measures the queue, not the analysis).
   /usr/bin/python3 bench/scale.py [uploads] [jobs]        (bench/scale.sh)"""
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "IntegrationTests"))
import images  # noqa: E402
from s3server import S3Server  # noqa: E402
from stack import PostgreSQLServer, Stack, kill  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from unique import unique  # noqa: E402

THREADS = 4


def payload(nonce, phase, index):
    """A small PNG of bytes of its own: an identical one would be answered by an earlier analysis, with no job."""
    return unique(images.numbered(index), f"{nonce} {phase} {index}")


def in_threads(count, work):
    """Runs work(index) for index in 0..count-1 on THREADS threads; the seconds it took."""
    indexes = iter(range(count))
    lock = threading.Lock()

    def run():
        while True:
            with lock:
                index = next(indexes, None)
            if index is None:
                return
            work(index)

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.time() - started


def stop_workers(stack):
    for index in range(1, 5):
        pid = stack.pid(f"peek-worker-{index}")
        if pid:
            kill(pid, 15)
    time.sleep(1)


def start_workers(stack, count):
    stack.env["PEEK_WORKERS"] = str(count)
    stack.up()


def measure(stack, uploads, jobs, nonce):
    figures = {}
    ids = [None] * uploads

    def upload(index):
        response = stack.upload(payload(nonce, "upload", index), "u.png")
        assert response.status_code == 202, response.text
        ids[index] = response.json()["id"]

    seconds = in_threads(uploads, upload)
    figures["uploads/s"] = uploads / seconds

    reads = uploads * 4
    sessions = threading.local()

    def read(index):
        session = getattr(sessions, "session", None) or __import__("requests").Session()
        sessions.session = session
        response = session.get(stack.url(f"/api/results/{ids[index % uploads]}"), timeout=30)
        assert response.status_code in (200, 202), response.text

    figures["results/s"] = reads / in_threads(reads, read)

    start_workers(stack, 1)
    latencies = []
    for index in range(30):
        time.sleep(0.25)  # the worker is idle, asleep on its wake-up channel
        image_id = stack.accepted_id(payload(nonce, "pick-up", index), "p.png")
        stack.wait_result(image_id)
        with stack.database() as db:
            row = db.execute("SELECT enqueued_at, started_at FROM jobs WHERE image_id = ?", (image_id,)).fetchone()
        latencies.append((row[1] - row[0]) * 1000)
    latencies.sort()
    figures["pickup median ms"] = statistics.median(latencies)
    figures["pickup p99 ms"] = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    stop_workers(stack)

    batch = [None] * jobs

    def enqueue(index):
        response = stack.upload(payload(nonce, "job", index), "j.png")
        assert response.status_code == 202, response.text
        batch[index] = response.json()["id"]

    in_threads(jobs, enqueue)
    start_workers(stack, 4)
    deadline = time.time() + 600
    marks = ",".join("?" * jobs)
    while time.time() < deadline:
        with stack.database() as db:
            done, first, last = db.execute(
                f"SELECT COUNT(*), MIN(started_at), MAX(finished_at) FROM jobs WHERE state = 'done' AND image_id IN ({marks})",
                batch).fetchone()
        if done == jobs:
            break
        time.sleep(0.5)
    assert done == jobs, f"{done} of {jobs} jobs drained"
    figures["jobs/s (4 workers)"] = jobs / (last - first)
    stop_workers(stack)
    return figures


def main():
    uploads = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    settings = {"workers": 0, "benchmark_stub_analysis": "on", "queue_max": 100_000, "log_level": "warning"}
    results = {}
    postgresql, s3 = PostgreSQLServer(), S3Server()
    try:
        for nonce, (name, make) in enumerate([
            ("SQLite + files", lambda: Stack(blob_store="local", **settings)),
            ("PostgreSQL + S3", lambda: Stack(s3=s3, database_url=postgresql.create_database(), **settings)),
        ], start=1):
            stack = make().up()
            try:
                results[name] = measure(stack, uploads, jobs, nonce)
            finally:
                stack.destroy()
            print(name, {key: round(value, 1) for key, value in results[name].items()}, flush=True)
    finally:
        postgresql.stop()
        s3.stop()
    names = list(results)
    print(f"\n{uploads} uploads, {uploads * 4} result reads ({THREADS} client threads), 30 pick-ups, "
          f"{jobs} trivial jobs; load average {os.getloadavg()[0]:.2f}")
    print("| measure | " + " | ".join(names) + " | ratio |")
    print("|---|" + "---|" * len(names) + "---|")
    for key in results[names[0]]:
        values = [results[name][key] for name in names]
        print(f"| {key} | " + " | ".join(f"{value:.1f}" for value in values) + f" | {values[1] / values[0]:.2f} |")


if __name__ == "__main__":
    main()
