"""Model sandbox benchmark (issue 13) on the real stack: the overhead of the sandbox of SPEC §11.
The example model (examples/greyscale) is built once, then run RUNS times on a small photo, one
job at a time; the worker's log gives, per job, the time from its claim to `run` being entered
and to the job being recorded. The same `run` is then started RUNS times in a plain Python
process (the version's own environment, no sandbox): spawn to `run` entered, and to the exit.
   /usr/bin/python3 bench/models.py [RUNS]"""
import io
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "IntegrationTests"))
from models import built, example_package, finished, new_model  # noqa: E402
from owners import owner  # noqa: E402
from stack import Stack  # noqa: E402

PHOTO = Path("/usr/share/doc/opencv-doc/examples/data/fruits.jpg")

PLAIN = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import predict
print(json.dumps({"entered": time.time()}), flush=True)
predict.run(sys.argv[2], sys.argv[3])
"""


def summary(label, values):
    ordered = sorted(values)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    print(f"{label:44} median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   (n={len(ordered)})")
    return statistics.median(ordered)


def sandboxed(stack, runs):
    alice = owner(stack, "bench")
    model = new_model(alice, "greyscale bench")
    version = built(alice, model["id"], example_package())
    assert version["status"] == "ready", version
    photo = PHOTO.read_bytes()
    finished(alice, model["id"], version["id"], photo)  # warm: the page cache holds the environment
    ids = []
    for _ in range(runs):
        job = finished(alice, model["id"], version["id"], photo)
        assert job["status"] == "succeeded", job
        ids.append(job["id"])
    time.sleep(0.5)
    logs = "\n".join(path.read_text() for path in (stack.data_dir / "log").glob("peek-worker-*.log"))
    entered, whole = [], []
    for job_id in ids:
        line = next(line for line in logs.splitlines() if f"model_job.id={job_id}" in line and "succeeded" in line)
        entered.append(float(re.search(r"entered\.ms=([\d.]+)", line).group(1)))
        whole.append(float(re.search(r"job\.ms=(\d+)", line).group(1)))
    return version["id"], entered, whole


def plain(stack, version_id, runs):
    environment = stack.data_dir / "models" / "versions" / version_id
    python = environment / "venv" / "bin" / "python3"
    output = stack.data_dir / "tmp" / "bench-plain-output"
    output.mkdir(parents=True, exist_ok=True)
    entered, whole = [], []
    for index in range(runs + 1):
        started = time.time()
        result = subprocess.run([str(python), "-I", "-u", "-B", "-c", PLAIN, str(environment / "package"), str(PHOTO), str(output)],
                                capture_output=True, text=True, check=True)
        ended = time.time()
        if index == 0:
            continue  # warm, as for the sandbox
        line = next(line for line in result.stdout.splitlines() if line.startswith('{"entered"'))
        entered.append((float(line.split(":")[1].rstrip("}")) - started) * 1000)
        whole.append((ended - started) * 1000)
    return entered, whole


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    assert PHOTO.exists(), "install Debian's opencv-doc for the sample photo"
    stack = Stack(workers=1).up()
    try:
        print(f"stack on {stack.base_url}; {runs} runs of examples/greyscale on {PHOTO.name} "
              f"({PHOTO.stat().st_size // 1024} KiB), one at a time; one worker")
        version_id, sandbox_entered, sandbox_whole = sandboxed(stack, runs)
        plain_entered, plain_whole = plain(stack, version_id, runs)
        a = summary("sandbox: job claimed -> run entered", sandbox_entered)
        b = summary("plain python: process spawned -> run entered", plain_entered)
        summary("sandbox: job claimed -> job recorded", sandbox_whole)
        summary("plain python: process spawned -> exited", plain_whole)
        print(f"{'overhead of the sandbox before run (medians)':44} {a - b:7.1f} ms   (target < 50 ms)")
    finally:
        stack.destroy()


if __name__ == "__main__":
    main()
