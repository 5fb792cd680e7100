#!/usr/bin/env bash
# Vision pipeline benchmark (issue 3): times `peek-worker analyze` over real photos, about 0.3 MP and
# 12 MP, reports median / p95 per size and the peak memory of one analysis process per 12 MP
# photo (and, apart, a 12 MP page of text), then compares the default settings with SPEC §3 computed literally (--full-resolution)
# to show how far the large-image shortcuts move the results.
#
# Usage: bench/vision.sh [ROUNDS]   (default 5; each photo is analysed ROUNDS times)
# Needs Debian's opencv-doc (photos), python3-pil (upscaling) and time (/usr/bin/time).
# Work files go to $PEEK_BENCH_DIR (default /tmp/peek-vision-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-5}
work=${PEEK_BENCH_DIR:-/tmp/peek-vision-bench}
samples=/usr/share/doc/opencv-doc/examples/data
for need in "$samples/messi5.jpg" /usr/bin/time /usr/bin/python3; do
    [[ -e $need ]] || { echo "missing $need: apt-get install opencv-doc python3-pil time" >&2; exit 1; }
done

swift build -c release --product peek-worker >&2
analyze=(.build/release/peek-worker analyze)
/usr/bin/python3 bench/vision_photos.py "$samples" "$work"
rm -f "$work"/*.jsonl "$work"/*.rss

repeat() { for ((i = 0; i < rounds; i++)); do printf '%s\n' "$@"; done; }

# Other work on the machine inflates every figure: the load averages are printed with them.
cut -d' ' -f1-3 /proc/loadavg >"$work/load"
echo "timing $(ls "$work/small" | wc -l) small photos x $rounds" >&2
repeat "$work"/small/* | xargs /usr/bin/time -f '%U %S' -o "$work/small.cpu" "${analyze[@]}" >"$work/small.jsonl"
for label in large page; do
    for photo in "$work/$label"/*; do
        echo "timing $(basename "$photo") x $rounds" >&2
        /usr/bin/time -f '%M' -o "$work/rss.tmp" "${analyze[@]}" $(repeat "$photo") >>"$work/$label.jsonl"
        echo "$(basename "$photo") $(cat "$work/rss.tmp")" >>"$work/$label.rss"
    done
done

cut -d' ' -f1-3 /proc/loadavg >>"$work/load"

echo "full-resolution reference (slow)" >&2
for label in small large page; do
    "${analyze[@]}" --full-resolution "$work/$label"/* >"$work/$label-full.jsonl"
done

/usr/bin/python3 bench/vision_report.py "$work"
