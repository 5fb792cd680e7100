#!/usr/bin/env bash
# Model sandbox benchmark (issue 13): builds the release, starts a stack with one worker, and runs
# bench/models.py: the example model's runs through the sandbox (claim -> run entered, claim -> job
# recorded) against the same run() in a plain Python process, medians and p95 over RUNS runs.
#
# Usage: bench/models.sh [RUNS]   (default 50). Needs opencv-doc (the photo) and PyPI (Pillow).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >&2
PEEK_SKIP_BUILD=1 /usr/bin/python3 bench/models.py "${1:-50}"
