#!/usr/bin/python3
"""CPU time of the 800 x 800 WebP q90 thumbnail: Peek's engine (`peek-admin thumbnail`) against
Debian's vipsthumbnail on the same files, side by side in one run.

Usage: thumbnail.py PEEK_ADMIN WORK_DIR ROUNDS PASSES
WORK_DIR holds small/ and large/ (bench/vision_photos.py). CPU time is user + system of the
tool's process (getrusage of the child). Each tool runs once over a set and once over the set
repeated 1 + ROUNDS times, in one process each time:
  per photo     = (CPU of the long run - CPU of the short run) / (ROUNDS x photos): the cost of a
                  thumbnail in a process that is already running, as in the worker;
  per process   = CPU of the long run / ((1 + ROUNDS) x photos), start-up included.
The tools alternate, PASSES times, and the median pass counts. The target applies to the per-photo
ratio; exits 1 when one is missed.
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile


def cpu_seconds(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(peek_admin, work, rounds, passes):
    out = tempfile.mkdtemp(prefix="peek-thumbnail-")
    tools = {
        "peek": lambda files: [peek_admin, "thumbnail", *files, "--out", out],
        # `>`: only shrink, as the preset never enlarges; strip: no metadata, as Peek writes none.
        "vips": lambda files: ["vipsthumbnail", *files, "--size", "800x800>", "-o", os.path.join(out, "%s.webp[Q=90,strip]")],
    }
    small = sorted(os.path.join(work, "small", name) for name in os.listdir(os.path.join(work, "small")))
    large = sorted(os.path.join(work, "large", name) for name in os.listdir(os.path.join(work, "large")))
    sets = [("20 small photos (median 0.27 MP)", small, 1.5)] + [(os.path.basename(path), [path], 1.0) for path in large]

    print(f"load average before: {' '.join(open('/proc/loadavg').read().split()[:3])}; "
          f"1 + {rounds} rounds per process, median of {passes} passes")
    print(f"{'files':<34} {'peek ms':>8} {'vips ms':>8} {'ratio':>6} {'target':>7}   "
          f"{'with start-up: peek':>19} {'vips':>6} {'ratio':>6}")
    missed = False
    for label, files, target in sets:
        runs = {(name, length): [] for name in tools for length in ("short", "long")}
        for number in range(passes):
            order = list(tools) if number % 2 == 0 else list(reversed(tools))
            for name in order:
                runs[name, "short"].append(cpu_seconds(tools[name](files)))
                runs[name, "long"].append(cpu_seconds(tools[name](files * (1 + rounds))))
        median = {key: statistics.median(values) * 1000 for key, values in runs.items()}
        per_photo = {name: (median[name, "long"] - median[name, "short"]) / (rounds * len(files)) for name in tools}
        per_process = {name: median[name, "long"] / ((1 + rounds) * len(files)) for name in tools}
        ratio = per_photo["peek"] / per_photo["vips"]
        missed |= ratio > target
        print(f"{label:<34} {per_photo['peek']:>8.1f} {per_photo['vips']:>8.1f} {ratio:>6.2f} {'≤ ' + str(target):>7}   "
              f"{per_process['peek']:>19.1f} {per_process['vips']:>6.1f} {per_process['peek'] / per_process['vips']:>6.2f}"
              f"{'' if ratio <= target else '  MISSED'}")
    print(f"load average after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
