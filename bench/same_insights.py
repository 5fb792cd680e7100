#!/usr/bin/python3
"""Image by image, how far one build's insights are from another's on the same files: faces,
scene and blur level must be equal, colours and scores within the tolerances the tests use
(a colour channel within 8, scores within 0.5, brightness within 1). Input: the JSON lines of
`peek-worker analyze FILE...` from each build.

Usage: same_insights.py BEFORE.jsonl AFTER.jsonl   (exits 1 if an image moved past a tolerance)
"""
import json
import os
import sys

SCORES = ["sharpness_score", "contrast_score", "quality_score", "scene_confidence"]


def load(path):
    with open(path) as lines:
        return {record["file"]: record["insights"] for record in map(json.loads, lines) if record.get("insights")}


def colour_step(ours, theirs):
    channels = [abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) for a, b in zip(ours, theirs) for i in (1, 3, 5)]
    return max(channels, default=0) if len(ours) == len(theirs) else 255


def main(before_path, after_path):
    before, after = load(before_path), load(after_path)
    print("| image | faces | scene | blur | colours (largest channel step) | scores (largest step) | OCR words | verdict |")
    print("|---|---|---|---|---|---|---|---|")
    moved = 0
    for file in sorted(before, key=os.path.basename):
        b, a = before[file], after.get(file)
        if a is None:
            print(f"| {os.path.basename(file)} | missing after | | | | | | MOVED |")
            moved += 1
            continue
        colours = colour_step(a["dominant_colors"], b["dominant_colors"])
        scores = max(abs(a[key] - b[key]) for key in SCORES)
        same = (a["face_locations"] == b["face_locations"] and a["scene_type"] == b["scene_type"]
                and a["blur_level"] == b["blur_level"])
        within = same and colours <= 8 and scores <= 0.5 and abs(a["brightness"] - b["brightness"]) <= 1
        identical = {k: v for k, v in a.items() if k != "processing_ms"} == {k: v for k, v in b.items() if k != "processing_ms"}
        moved += not within
        print(f"| {os.path.basename(file)} | {b['faces_detected']} → {a['faces_detected']}"
              f"{'' if a['face_locations'] == b['face_locations'] else ' (boxes differ)'} | {b['scene_type']} → {a['scene_type']} "
              f"| {b['blur_level']} → {a['blur_level']} | {colours} | {scores:.2f} | {b['word_count']} → {a['word_count']} "
              f"| {'identical' if identical else 'within tolerance' if within else 'MOVED'} |")
    print(f"\n{len(before) - moved} of {len(before)} images within tolerance")
    return 1 if moved else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
