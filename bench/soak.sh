#!/usr/bin/env bash
# Long soak test: ./bench/soak.sh [seconds] (default 300). CI runs a 30-second version.
set -euo pipefail
cd "$(dirname "$0")/.."
exec /usr/bin/python3 bench/soak.py "${1:-300}"
