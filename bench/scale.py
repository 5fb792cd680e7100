"""The two configurations side by side, in one run on one machine (issue 14): SQLite + files
against PostgreSQL + S3 (a PostgreSQL server and moto's S3 server, with authentication, both on
loopback, started here). For each: uploads per second and GET /api/results/ID per second (wrk),
the pick-up latency of an idle worker (enqueue → claim, from the job table's own timestamps), and
jobs per second drained by 4 workers from a queue of 2,000 trivial jobs, the analysis stubbed out
(`peek-worker run --stub-analysis`: claim, hand-off, blobs and commit, no computer vision).
Prints each figure, the PostgreSQL + S3 / SQLite + files ratios and the targets.
   /usr/bin/python3 bench/scale.py          (needs a release build: swift build -c release)"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "IntegrationTests"))
import images  # noqa: E402
from s3server import S3Server  # noqa: E402
from stack import RELEASE, PostgreSQLServer, Stack  # noqa: E402

DURATION = os.environ.get("BENCH_DURATION", "10s")
DRAIN_JOBS = 2000
WORKERS = 4


def trivial(index):
    """A tiny PNG whose bytes are its own for every index below 2**24 (so each gets a job)."""
    picture = Image.new("RGB", (8, 8), (128, 128, 128))
    picture.putpixel((0, 0), ((index >> 16) & 255, (index >> 8) & 255, index & 255))
    return images.encoded(picture, "PNG")


def wrk(url, connections, *arguments):
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{DURATION}", "--latency", *arguments, url],
                            capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"(\d+) requests in", output).group(1))
    failed = int(next(iter(re.findall(r"Non-2xx or 3xx responses: (\d+)", output)), 0))
    if failed:
        print(f"  {url}: {failed} of {total} answers were errors", flush=True)
    if failed * 100 > total:
        raise SystemExit(f"more than 1 % errors from {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def stub_workers(stack, count, once):
    command = [str(RELEASE / "peek-worker"), "run", "--stub-analysis", *(["--once"] if once else [])]
    return [subprocess.Popen(command, env=stack.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(count)]


def jobs(stack, where=""):
    with stack.database() as db:
        return [dict(row) for row in db.execute(f"SELECT enqueued_at, started_at, finished_at FROM jobs {where}")]


def measure(name, stack):
    figures = {}
    first = stack.accepted_id(trivial(1))
    for worker in stub_workers(stack, 1, once=True):
        worker.wait(timeout=60)
    assert stack.wait_result(first).json()["status"] == "completed"
    figures["results req/s"] = wrk(stack.url(f"/api/results/{first}"), 32)
    figures["original req/s"] = wrk(stack.url(f"/api/image/{first}/original"), 32)
    sample = Path(stack.data_dir) / "bench.jpg"
    sample.write_bytes(images.sample("messi5.jpg"))
    os.environ["PEEK_BENCH_IMAGE"] = str(sample)
    figures["uploads/s"] = wrk(stack.url("/"), 8, "-s", str(ROOT / "bench" / "upload.lua"))
    for worker in stub_workers(stack, WORKERS, once=True):
        worker.wait(timeout=600)

    # Pick-up: an idle worker sleeping on its wake-up (the FIFO, or LISTEN/NOTIFY) takes each upload.
    idle = stub_workers(stack, 1, once=False)
    time.sleep(1)
    marker = time.time()
    for index in range(50):
        stack.wait_result(stack.accepted_id(trivial(10_000 + index)))
        time.sleep(0.1)
    for worker in idle:
        worker.terminate()
        worker.wait(timeout=30)
    pickups = sorted((job["started_at"] - job["enqueued_at"]) * 1000 for job in jobs(stack, f"WHERE enqueued_at > {marker}"))
    figures["pick-up median ms"] = statistics.median(pickups)
    figures["pick-up p99 ms"] = pickups[min(len(pickups) - 1, int(len(pickups) * 0.99))]

    marker = time.time()
    for index in range(DRAIN_JOBS):
        stack.accepted_id(trivial(20_000 + index))
    started = time.time()
    for worker in stub_workers(stack, WORKERS, once=True):
        worker.wait(timeout=600)
    drained = jobs(stack, f"WHERE enqueued_at > {marker}")
    assert len(drained) == DRAIN_JOBS and all(job["finished_at"] for job in drained)
    figures["drain jobs/s (4 workers)"] = DRAIN_JOBS / (max(job["finished_at"] for job in drained) - started)
    print(f"{name}: " + ", ".join(f"{key} {value:.1f}" for key, value in figures.items()), flush=True)
    return figures


def main():
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    print(f"machine: {os.cpu_count()} cores; wrk 2 threads, {DURATION} a run; no analysis (stub workers)")
    settings = {"workers": 0, "upload_rate": 100000, "upload_burst": 100000, "conn_limit": 10000,
                "queue_per_client": 10_000_000, "queue_max": 10_000_000}
    results = {}
    local = Stack(blob_store="local", **settings)
    try:
        results["sqlite"] = measure("SQLite + files", local.up())
    finally:
        local.destroy()
    database, s3 = PostgreSQLServer(), S3Server()
    try:
        remote = Stack(s3=s3, database_url=database.create_database(), **settings)
        try:
            results["postgresql"] = measure("PostgreSQL + S3", remote.up())
        finally:
            remote.destroy()
    finally:
        database.stop()
        s3.stop()

    print("\nfigure                         SQLite+files   PostgreSQL+S3   ratio (PG+S3 / SQLite)")
    for key in results["sqlite"]:
        a, b = results["sqlite"][key], results["postgresql"][key]
        print(f"{key:30} {a:12.1f}   {b:13.1f}   {b / a:6.2f}")
    status = 0
    ratio = results["postgresql"]["results req/s"] / results["sqlite"]["results req/s"]
    for ok, text in ((ratio >= 0.5, f"results req/s within 2x of SQLite: ratio {ratio:.2f} (target >= 0.50)"),
                     (results["sqlite"]["pick-up median ms"] < 50, "pick-up median < 50 ms on SQLite + files"),
                     (results["postgresql"]["pick-up median ms"] < 50, "pick-up median < 50 ms on PostgreSQL + S3")):
        print(("  ok    " if ok else "  MISS  ") + text)
        status |= not ok
    sys.exit(status)


if __name__ == "__main__":
    main()
