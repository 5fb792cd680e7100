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
The tools alternate, PASSES times; the figures are medians over the passes, the ratio the median
of each pass's ratio (its two tools ran side by side, under the same load from elsewhere), and
"spread" the range of those ratios, the run's noise. The target applies to the per-photo ratio as
printed (two decimals); exits 1 when one is missed. Last, each tool's 12 MP thumbnails are
compared (PSNR) with Pillow's Lanczos reduction of the full-size photo, so that a cheaper
thumbnail cannot hide a worse one.
"""
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops, ImageStat


def cpu_seconds(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def psnr(image, reference):
    squares = [value * value for value in ImageStat.Stat(ImageChops.difference(image, reference)).rms]
    return 10 * math.log10(255 * 255 / (sum(squares) / len(squares)))


def main(peek_admin, work, rounds, passes):
    out = {name: tempfile.mkdtemp(prefix=f"peek-thumbnail-{name}-") for name in ("peek", "vips")}
    tools = {
        "peek": lambda files: [peek_admin, "thumbnail", *files, "--out", out["peek"]],
        # `>`: only shrink, as the preset never enlarges; strip: no metadata, as Peek writes none.
        "vips": lambda files: ["vipsthumbnail", *files, "--size", "800x800>", "-o", os.path.join(out["vips"], "%s.webp[Q=90,strip]")],
    }
    small = sorted(os.path.join(work, "small", name) for name in os.listdir(os.path.join(work, "small")))
    large = sorted(os.path.join(work, "large", name) for name in os.listdir(os.path.join(work, "large")))
    sets = [("20 small photos (median 0.27 MP)", small, 1.5)] + [(os.path.basename(path), [path], 1.0) for path in large]

    print(f"load average before: {' '.join(open('/proc/loadavg').read().split()[:3])}; "
          f"1 + {rounds} rounds per process, median of {passes} passes")
    print(f"{'files':<34} {'peek ms':>8} {'vips ms':>8} {'ratio':>6} {'spread':>10} {'target':>7}   "
          f"{'with start-up: peek':>19} {'vips':>6} {'ratio':>6}")
    missed = False
    for label, files, target in sets:
        runs = {(name, length): [] for name in tools for length in ("short", "long")}
        for number in range(passes):
            order = list(tools) if number % 2 == 0 else list(reversed(tools))
            for length, copies in (("short", 1), ("long", 1 + rounds)):
                for name in order:
                    runs[name, length].append(cpu_seconds(tools[name](files * copies)))
        median = {key: statistics.median(values) * 1000 for key, values in runs.items()}
        per_photo = {name: (median[name, "long"] - median[name, "short"]) / (rounds * len(files)) for name in tools}
        per_process = {name: median[name, "long"] / ((1 + rounds) * len(files)) for name in tools}
        ratios = [(runs["peek", "long"][i] - runs["peek", "short"][i]) / (runs["vips", "long"][i] - runs["vips", "short"][i])
                  for i in range(passes)]
        ratio = statistics.median(ratios)
        spread = f"{min(ratios):.2f}–{max(ratios):.2f}"
        missed |= round(ratio, 2) > target
        print(f"{label:<34} {per_photo['peek']:>8.1f} {per_photo['vips']:>8.1f} {ratio:>6.2f} {spread:>10} {'≤ ' + str(target):>7}   "
              f"{per_process['peek']:>19.1f} {per_process['vips']:>6.1f} {per_process['peek'] / per_process['vips']:>6.2f}"
              f"{'' if round(ratio, 2) <= target else '  MISSED'}")
    print(f"load average after: {' '.join(open('/proc/loadavg').read().split()[:3])}")

    print("PSNR against Pillow's Lanczos reduction of the full photo (dB; higher is closer):")
    for path in large:
        full = Image.open(path).convert("RGB")
        name = os.path.splitext(os.path.basename(path))[0] + ".webp"
        scores = []
        for tool in tools:
            thumbnail = Image.open(os.path.join(out[tool], name)).convert("RGB")
            scores.append(f"{tool} {thumbnail.width}x{thumbnail.height} {psnr(thumbnail, full.resize(thumbnail.size, Image.LANCZOS)):.2f}")
        print(f"  {os.path.basename(path):<32} " + "   ".join(scores))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
