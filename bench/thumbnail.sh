#!/usr/bin/env bash
# Thumbnail benchmark (issue 11): CPU time of making the 800 x 800 WebP q90 thumbnail with Peek's
# engine (`peek-admin thumbnail`, release build) and with Debian's vipsthumbnail on the same
# files: the 20 small corpus photos and four 12 MP JPEGs (bench/vision_photos.py). Prints the
# ratios Peek / vipsthumbnail; targets ≤ 1.0 on 12 MP photos, ≤ 1.5 on the small ones.
#
# Usage: bench/thumbnail.sh [ROUNDS] [PASSES]   (defaults 10 and 5; see bench/thumbnail.py)
# Needs opencv-doc (photos), python3-pil (upscaling) and libvips-tools (vipsthumbnail).
# Work files go to $PEEK_BENCH_DIR (default /tmp/peek-vision-bench, shared with bench/vision.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-10}
passes=${2:-5}
work=${PEEK_BENCH_DIR:-/tmp/peek-vision-bench}
samples=/usr/share/doc/opencv-doc/examples/data
for need in "$samples/messi5.jpg" /usr/bin/python3 /usr/bin/vipsthumbnail; do
    [[ -e $need ]] || { echo "missing $need: apt-get install opencv-doc python3-pil libvips-tools" >&2; exit 1; }
done

swift build -c release --product peek-admin >&2
/usr/bin/python3 bench/vision_photos.py "$samples" "$work"
/usr/bin/python3 bench/thumbnail.py "$(swift build -c release --show-bin-path)/peek-admin" "$work" "$rounds" "$passes"
