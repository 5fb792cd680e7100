#!/usr/bin/env bash
# Transform benchmark (issue 11), on a stack of its own (no worker): the first request of a
# `resize:fill:300:300` transform of 12 MP JPEGs (each source new, so each request computes),
# against `vipsthumbnail --size 300x300 --smartcrop centre` on the same files; then cached
# transform requests per second through nginx (wrk, 32 connections) against serving the original.
# Prints the figures and their ratios.
#   bench/transforms.sh [SOURCES]     (default 5; builds first unless PEEK_SKIP_BUILD=1)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SOURCES=${1:-5}
DURATION=${BENCH_DURATION:-10s}
command -v wrk >/dev/null && command -v vipsthumbnail >/dev/null \
    || { echo "needs wrk and vipsthumbnail: apt-get install wrk libvips-tools" >&2; exit 1; }

export PEEK_DATA_DIR=$(mktemp -d /tmp/peek-bench-XXXXXX)
export PEEK_PORT=${PEEK_PORT:-18091} PEEK_WORKERS=0 PEEK_UPLOAD_RATE=100000 PEEK_UPLOAD_BURST=100000
export PEEK_CONN_LIMIT=10000
BASE="http://127.0.0.1:$PEEK_PORT"
cleanup() {
    "$ROOT/spawn.sh" down >/dev/null 2>&1 || true
    rm -rf "$PEEK_DATA_DIR"
}
trap cleanup EXIT
"$ROOT/spawn.sh" up >/dev/null

# Distinct 12 MP photos (4000 × 3000): opencv-doc's fruits, scaled, a corner square of its own
# colour per copy (a pixel alone can vanish in JPEG's quantisation and leave identical bytes).
/usr/bin/python3 - "$PEEK_DATA_DIR" "$SOURCES" <<'PY'
import sys
from PIL import Image
folder, count = sys.argv[1], int(sys.argv[2])
photo = Image.open("/usr/share/doc/opencv-doc/examples/data/fruits.jpg").convert("RGB").resize((4000, 3000), Image.BICUBIC)
for index in range(count):
    photo.paste((index * 47 % 256, 255 - index * 31 % 256, 0), (0, 0, 64, 64))
    photo.save(f"{folder}/source-{index}.jpg", "JPEG", quality=90)
PY

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'; }

PEEK_TIMES=() VIPS_TIMES=() IDS=()
for index in $(seq 0 $((SOURCES - 1))); do
    file="$PEEK_DATA_DIR/source-$index.jpg"
    id=$(curl -fsS -F "image=@$file;type=image/jpeg" "$BASE/api/analyze" | sed -E 's/.*"id":"([^"]+)".*/\1/')
    IDS+=("$id")
    PEEK_TIMES+=("$(curl -fsS -o /dev/null -w '%{time_total}' "$BASE/api/image/$id/t/resize:fill:300:300")")
    VIPS_TIMES+=("$(seconds vipsthumbnail "$file" --size 300x300 --smartcrop centre -o "$PEEK_DATA_DIR/vips-$index.jpg[Q=85]")")
done
peek_ms=$(printf '%s\n' "${PEEK_TIMES[@]}" | median | awk '{ printf "%.0f", $1 * 1000 }')
vips_ms=$(printf '%s\n' "${VIPS_TIMES[@]}" | median | awk '{ printf "%.0f", $1 * 1000 }')

echo "machine: $(nproc) cores; $SOURCES sources of 12 MP; wrk 2 threads, 32 connections, $DURATION per run"
printf 'first resize:fill:300:300 of a 12 MP JPEG   median %5s ms   (vipsthumbnail, a process per file: %s ms)   ratio %s\n' \
    "$peek_ms" "$vips_ms" "$(awk -v a="$peek_ms" -v b="$vips_ms" 'BEGIN { printf "%.2f", a / b }')"

rps() { wrk -t2 -c32 -d"$DURATION" "$1" | awk '/Requests\/sec/ { print $2 }'; }
cached=$(rps "$BASE/api/image/${IDS[0]}/t/resize:fill:300:300")
original=$(rps "$BASE/api/image/${IDS[0]}/original")
printf 'cached transform                           %8.0f req/s\n' "$cached"
printf 'original (X-Accel-Redirect)                %8.0f req/s\n' "$original"
printf 'cached transform / original                %8s\n' "$(awk -v a="$cached" -v b="$original" 'BEGIN { printf "%.2f", a / b }')"
