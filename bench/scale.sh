#!/usr/bin/env bash
# Scaling out: SQLite + files against PostgreSQL + S3, side by side (bench/scale.py).
#   ./bench/scale.sh     (needs a release build: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
exec /usr/bin/python3 bench/scale.py "$@"
