#!/usr/bin/python3
"""CPU time of the 800 x 800 WebP q90 thumbnail: Peek's engine (`peek-admin thumbnail`) against
Debian's vipsthumbnail on the same files, side by side in one run.

Usage: thumbnail.py PEEK_ADMIN WORK_DIR ROUNDS PASSES
WORK_DIR holds small/ and large/ (bench/vision_photos.py). Each tool makes the thumbnail of a
set ROUNDS times in one process (as the worker does, start-up spread over the set); CPU time is
user + system of that process (getrusage of the child). The two tools alternate, PASSES times,
and the median pass counts. Exits 1 when a ratio misses its target.
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
        "vipsthumbnail": lambda files: ["vipsthumbnail", *files, "--size", "800x800>", "-o", os.path.join(out, "%s.webp[Q=90,strip]")],
    }
    small = sorted(os.path.join(work, "small", name) for name in os.listdir(os.path.join(work, "small")))
    large = sorted(os.path.join(work, "large", name) for name in os.listdir(os.path.join(work, "large")))
    sets = [("20 small photos (median 0.27 MP)", small, 1.5)] + [(os.path.basename(path) + " (12 MP)", [path], 1.0) for path in large]

    load = open("/proc/loadavg").read().split()[:3]
    print(f"load average before: {' '.join(load)}; {rounds} rounds per process, median of {passes} passes")
    print(f"{'files':<40} {'peek ms/photo':>14} {'vips ms/photo':>14} {'ratio':>7} {'target':>7}")
    missed = False
    for label, files, target in sets:
        photos = files * rounds
        times = {name: [] for name in tools}
        for number in range(passes):
            order = list(tools) if number % 2 == 0 else list(reversed(tools))
            for name in order:
                times[name].append(cpu_seconds(tools[name](photos)))
        peek, vips = (statistics.median(times[name]) * 1000 / len(photos) for name in ("peek", "vipsthumbnail"))
        ratio = peek / vips
        missed |= ratio > target
        print(f"{label:<40} {peek:>14.1f} {vips:>14.1f} {ratio:>7.2f} {'≤ ' + str(target):>7}{'' if ratio <= target else '  MISSED'}")
    print(f"load average after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
