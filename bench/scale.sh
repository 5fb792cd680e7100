#!/usr/bin/env bash
# Scaling out: SQLite + files against PostgreSQL + S3, side by side (bench/scale.py).
#   ./bench/scale.sh [uploads] [jobs]     (defaults 400 and 2000; needs a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
exec /usr/bin/python3 bench/scale.py "$@"
