"""Profiles whole jobs on the real stack (issue 15): `perf record` of the whole machine while small
photos are uploaded one at a time (unique bytes each) and waited for, then the CPU time by process
and library, the hottest symbols, and each job's timeline from the database's own timestamps
(upload committed → claimed → completed).

Usage: /usr/bin/python3 bench/profile.py WORK_DIR [ROUNDS] [OUT_DIR] [small|large]   (as root, for perf -a)
(large: the 12 MP photo of bench/speed.py, ROUNDS times)
"""
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from speed import LARGE_PHOTO, Client, Stack, unique, warm  # noqa: E402


FREQUENCY = 999
SAMPLE = re.compile(r"^\s*(?P<comm>.+?)\s+(?P<pid>\d+)\s+[0-9a-f]+\s+(?P<sym>.+?)\s+\((?P<dso>.*)\)\s*$")


def stack_pids(stack):
    """The stack's processes (pools, workers, nginx) and all their descendants."""
    found = [int(path.read_text()) for path in (stack.data_dir / "run").glob("*.pid") if path.read_text().strip()]
    queue = list(found)
    while queue:
        children = stack.children(queue.pop())
        found += children
        queue += children
    return sorted(set(found))


def main(work, rounds=3, out="/tmp/peek-profile", photo_set="small"):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    photos = sorted((Path(work) / "small").iterdir()) if photo_set == "small" else [Path(work) / "large" / LARGE_PHOTO]
    stack = Stack().up()
    try:
        client = Client(stack)
        warm(client, photos[0], f"warm-{time.time()}")
        payloads = [unique(path.read_bytes(), f"{time.time()}-{index}")
                    for index, path in enumerate(photos * rounds)]
        perf = subprocess.Popen(["perf", "record", "-a", "-F", str(FREQUENCY), "-o", str(out / "perf.data")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        started = time.perf_counter()
        ids = []
        for data in payloads:
            ids.append(client.upload(data, "p.jpg"))
            client.wait(ids[-1])
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        perf.send_signal(2)
        perf.wait()
        pids = stack_pids(stack)
        logs = "\n".join(path.read_text(errors="replace") for path in (stack.data_dir / "log").glob("peek-worker*.log"))
        with stack.database() as db:
            rows = db.execute(f"""SELECT i.created_at, j.enqueued_at, j.started_at, j.finished_at, i.completed_at,
                                         i.processing_ms FROM images i JOIN jobs j ON j.image_id = i.id
                                  WHERE i.id IN ({','.join('?' * len(ids))})""", ids).fetchall()
    finally:
        stack.destroy()

    def median_ms(pairs):
        return statistics.median((b - a) * 1000 for a, b in pairs)

    print(f"{len(ids)} jobs in {elapsed:.1f} s (with 50 ms pauses)")
    print(f"upload row built → job committed: {median_ms((r[0], r[1]) for r in rows):.1f} ms (median)")
    print(f"job committed → claimed: {median_ms((r[1], r[2]) for r in rows):.1f} ms")
    print(f"claimed → completed (worker's commit begins): {median_ms((r[2], r[3]) for r in rows):.1f} ms")
    print(f"processing_ms (worker, claim → outcome): {statistics.median(r[5] for r in rows):.0f} ms")
    # The worker's own account of each job (its "job completed" lines): medians per stage, ms.
    stages = {}
    for line in logs.splitlines():
        if "job completed" in line and any(f"image.id={image_id}" in line for image_id in ids):
            for key, value in re.findall(r"(\S+\.ms|ms)=([0-9.]+)", line):
                stages.setdefault(key, []).append(float(value))
    if stages:
        print("worker stages (median ms): " + ", ".join(f"{key} {statistics.median(values):g}"
                                                        for key, values in sorted(stages.items())))
    # Only this stack's processes (other work on the machine may run programs of the same names),
    # from each sample's process id; a thread is named by its own name.
    samples = subprocess.run(["perf", "script", "-i", str(out / "perf.data"), "-F", "comm,pid,ip,sym,dso"],
                             capture_output=True, text=True).stdout
    wanted = set(pids)
    by_process, by_library, by_symbol = Counter(), Counter(), Counter()
    for line in samples.splitlines():
        match = SAMPLE.match(line)
        if not match or int(match["pid"]) not in wanted:
            continue
        comm, dso = match["comm"].strip(), os.path.basename(match["dso"])
        symbol = match["sym"].split("+")[0] if match["sym"] != "[unknown]" else "?"
        by_process[comm] += 1
        by_library[(comm, dso)] += 1
        by_symbol[(comm, dso, symbol)] += 1
    per_job = 1000 / FREQUENCY / len(ids)
    total = sum(by_process.values()) * per_job
    print("CPU ms per job: " + ", ".join(f"{name} {count * per_job:.1f}" for name, count in by_process.most_common())
          + f"; total {total:.1f}")
    for name, counter in (("by-library.txt", by_library), ("by-symbol.txt", by_symbol)):
        with open(out / name, "w") as report:
            for key, count in counter.most_common(60):
                report.write(f"{count * per_job:8.1f} ms/job  {100 * count * per_job / total:5.1f} %  {'  '.join(key)}\n")
    print(f"CPU per job in {out}/by-library.txt and by-symbol.txt (this stack's processes only)")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]), *sys.argv[3:5])
