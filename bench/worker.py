"""Worker benchmark on the real stack: pick-up latency (enqueue → analysis start, from the job
table's own timestamps) and throughput of small real photos with the default worker setting.
Every upload has bytes of its own (bench/unique.py), so that no earlier analysis answers it.
   /usr/bin/python3 bench/worker.py [photos]"""
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "IntegrationTests"))
from stack import Stack  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from unique import unique  # noqa: E402

SAMPLES = Path("/usr/share/doc/opencv-doc/examples/data")
PHOTOS = ["messi5.jpg", "fruits.jpg", "baboon.jpg", "lena.jpg", "home.jpg", "building.jpg", "orange.jpg",
          "apple.jpg", "butterfly.jpg", "starry_night.jpg", "HappyFish.jpg", "left01.jpg", "aero1.jpg", "board.jpg"]


def photos():
    found = [SAMPLES / name for name in PHOTOS if (SAMPLES / name).exists()]
    assert found, "install Debian's opencv-doc for the sample photos"
    return found


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    stack = Stack().up()
    try:
        files = photos()
        print(f"stack on {stack.base_url}; photos: {len(files)} real photos from opencv-doc, "
              f"{count} uploads; default worker setting")
        # warm the analysis process (model load) before measuring
        nonce = time.time()
        stack.wait_result(stack.accepted_id(unique(files[0].read_bytes(), f"{nonce} warm"), files[0].name))

        latencies = []
        for index in range(20):
            image_id = stack.accepted_id(unique(files[index % len(files)].read_bytes(), f"{nonce} pick-up {index}"), "p.jpg")
            stack.wait_result(image_id)
            with stack.database() as db:
                row = db.execute("SELECT enqueued_at, started_at FROM jobs WHERE image_id = ?", (image_id,)).fetchone()
            latencies.append((row["started_at"] - row["enqueued_at"]) * 1000)
            time.sleep(0.2)  # let the worker go idle, as a real pick-up starts from sleep
        print(f"pick-up latency (idle worker, n=20): median {statistics.median(latencies):.1f} ms, "
              f"max {max(latencies):.1f} ms   target: median < 50 ms")

        payloads = [unique(files[index % len(files)].read_bytes(), f"{nonce} {index}") for index in range(count)]
        started = time.time()
        ids = [stack.accepted_id(data, "p.jpg") for data in payloads]
        for image_id in ids:
            assert stack.wait_result(image_id, timeout=300).json()["status"] == "completed"
        elapsed = time.time() - started
        with stack.database() as db:
            marks = ",".join("?" * len(ids))
            times = [row[0] for row in db.execute(f"SELECT processing_ms FROM images WHERE id IN ({marks})", ids)]
        print(f"throughput: {count} photos in {elapsed:.2f} s = {count / elapsed:.1f} photos/s   target: >= 8/s")
        print(f"per-job time in the worker: median {statistics.median(times):.0f} ms, "
              f"p95 {sorted(times)[int(len(times) * 0.95) - 1]:.0f} ms")
    finally:
        stack.destroy()


if __name__ == "__main__":
    main()
