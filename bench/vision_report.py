#!/usr/bin/python3
"""Summarises bench/vision.sh's JSON lines: timings per size, peak memory, and how far the
default settings land from SPEC §3 computed literally (full resolution, every pixel).

Usage: vision_report.py WORK_DIR
"""
import collections
import itertools
import math
import os
import statistics
import sys


def load(path):
    import json
    with open(path) as lines:
        return [json.loads(line) for line in lines if line.strip()]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def colour(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def colour_distance(ours, reference):
    """Mean RGB distance between the two palettes, paired to minimise it."""
    a, b = [colour(c) for c in ours], [colour(c) for c in reference]
    if len(a) != len(b):
        return float("nan")
    return min(sum(math.dist(a[i], b[j]) for i, j in enumerate(p)) for p in itertools.permutations(range(len(b)))) / len(a)


def overlap(a, b):
    ix = max(0, min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]))
    iy = max(0, min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]))
    inter = ix * iy
    return inter / (a["width"] * a["height"] + b["width"] * b["height"] - inter)


def matched_faces(ours, reference):
    """Reference boxes with a box of ours overlapping by IoU >= 0.5."""
    return sum(any(overlap(o, r) >= 0.5 for o in ours) for r in reference)


def common_words(ours, reference):
    return sum((collections.Counter(ours.split()) & collections.Counter(reference.split())).values())


LABELS = ("small", "large", "page")
UNCHANGED = ["brightness", "sharpness_score", "blur_level", "contrast_score", "quality_score", "scene_type",
             "scene_confidence", "width", "height"]


def timing_table(work):
    print("| photos | size | runs | median ms | p95 ms | max ms | peak RSS |")
    print("|---|---|---|---|---|---|---|")
    for label in LABELS:
        reports = load(os.path.join(work, f"{label}.jsonl"))
        ms = [r["processing_ms"] for r in reports]
        mp = statistics.median(r["insights"]["width"] * r["insights"]["height"] / 1e6 for r in reports)
        photos = len({r["file"] for r in reports})
        rss_file = os.path.join(work, f"{label}.rss")
        rss = [int(line.split()[1]) / 1024 for line in open(rss_file)] if os.path.exists(rss_file) else []
        peak = f"{max(rss):.0f} MB (max of {len(rss)} processes)" if rss else "-"
        print(f"| {photos} {label} | median {mp:.2f} MP | {len(ms)} | {statistics.median(ms):.0f} | "
              f"{percentile(ms, 0.95):.0f} | {max(ms):.0f} | {peak} |")
    user, system = map(float, open(os.path.join(work, "small.cpu")).read().split())
    runs = len(load(os.path.join(work, "small.jsonl")))
    print(f"\nCPU time of the small run (user + system, model loading included): "
          f"{(user + system) * 1000 / runs:.0f} ms per photo, against a 2-core wall-time floor of half that.")
    for label in LABELS:
        full = [r["processing_ms"] for r in load(os.path.join(work, f"{label}-full.jsonl"))]
        print(f"\nFull resolution (--full-resolution), {label}: median {statistics.median(full):.0f} ms, "
              f"max {max(full):.0f} ms")


def fidelity_table(work):
    print("\n| photo | colour distance | faces full → default (matched) | OCR words full → default (common) | other fields |")
    print("|---|---|---|---|---|")
    for label in LABELS:
        ours = {r["file"]: r["insights"] for r in load(os.path.join(work, f"{label}.jsonl"))}
        distances = []
        for reference in load(os.path.join(work, f"{label}-full.jsonl")):
            full, mine = reference["insights"], ours[reference["file"]]
            distance = colour_distance(mine["dominant_colors"], full["dominant_colors"])
            distances.append(distance)
            same = all(mine[key] == full[key] for key in UNCHANGED)
            if label != "small" or not same or mine["face_locations"] != full["face_locations"] \
                    or mine["extracted_text"] != full["extracted_text"]:
                print(f"| {os.path.basename(reference['file'])} | {distance:.1f} | "
                      f"{full['faces_detected']} → {mine['faces_detected']} "
                      f"({matched_faces(mine['face_locations'], full['face_locations'])}) | "
                      f"{full['word_count']} → {mine['word_count']} "
                      f"({common_words(mine['extracted_text'], full['extracted_text'])}) | "
                      f"{'identical' if same else 'DIFFER'} |")
        print(f"| all {len(distances)} {label}: colour distance mean {statistics.mean(distances):.1f}, "
              f"max {max(distances):.1f} | | | |")


def main(work):
    before, after = open(os.path.join(work, "load")).read().splitlines()
    print(f"Load average (1, 5, 15 min) before timing: {before}; after: {after}\n")
    timing_table(work)
    fidelity_table(work)


if __name__ == "__main__":
    main(sys.argv[1])
