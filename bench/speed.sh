#!/usr/bin/env bash
# Peek against the original Peek (issue 15), in one run: the original's analysis on the bench photos
# and a 12 MP photo, then Peek end to end through the real stack on the same photos, then the
# worker's throughput; prints the ratios beside their targets (bench/speed.py).
#
# Usage: bench/speed.sh [ROUNDS] [UPLOADS]   (defaults 5 and 200)
# The original is the Peek API's code (GitHub 0xSandiem/peek_api), checked out OUTSIDE this
# repository at $PEEK_ORIGINAL (default /work/peek_api); its virtual environment (.venv in the
# checkout) is made from its requirements.txt when missing. Needs Debian's opencv-doc,
# python3-pil and tesseract-ocr (the original runs the tesseract command).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-5}
uploads=${2:-200}
original=${PEEK_ORIGINAL:-/work/peek_api}
work=${PEEK_BENCH_DIR:-/tmp/peek-vision-bench}
samples=/usr/share/doc/opencv-doc/examples/data
[[ -f $original/app/services/cv_service.py ]] || {
    echo "no checkout of the original Peek API at $original (set PEEK_ORIGINAL)" >&2; exit 1; }
for need in "$samples/messi5.jpg" /usr/bin/tesseract /usr/bin/python3; do
    [[ -e $need ]] || { echo "missing $need: apt-get install opencv-doc python3-pil tesseract-ocr" >&2; exit 1; }
done
if [[ ! -x $original/.venv/bin/python ]]; then
    python3 -m venv "$original/.venv"
    "$original/.venv/bin/pip" install -q -r "$original/requirements.txt"
fi

swift build -c release >&2
/usr/bin/python3 bench/vision_photos.py "$samples" "$work"
/usr/bin/python3 bench/speed.py "$work" "$original" "$original/.venv/bin/python" "$rounds" "$uploads"
