#!/usr/bin/env bash
# Serving-runtime benchmark: wrk on loopback against a stack of its own (no worker, so the
# analysis does not compete for the CPU), 32 connections for reads and 8 for uploads, 10 s each.
# Prints each figure beside its target and the ratios; exits non-zero if a target is missed.
#   bench/http.sh            (builds first unless PEEK_SKIP_BUILD=1)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${BENCH_DURATION:-10s}
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || sudo apt-get install -y -qq wrk; }

export PEEK_DATA_DIR=$(mktemp -d /tmp/peek-bench-XXXXXX)
export PEEK_PORT=${PEEK_PORT:-18090} PEEK_WORKERS=0 PEEK_UPLOAD_RATE=100000 PEEK_UPLOAD_BURST=100000
export PEEK_CONN_LIMIT=10000
# Thousands of uploads from one client, none analysed: no backlog cap here.
export PEEK_QUEUE_PER_CLIENT=10000000 PEEK_QUEUE_MAX=10000000
BASE="http://127.0.0.1:$PEEK_PORT"
SAMPLE="$ROOT/static/bench-sample.jpg"
cleanup() {
    "$ROOT/spawn.sh" down >/dev/null 2>&1 || true
    rm -rf "$PEEK_DATA_DIR" "$SAMPLE"
}
trap cleanup EXIT

"$ROOT/spawn.sh" up >/dev/null
export PEEK_BENCH_IMAGE="$PEEK_DATA_DIR/bench.jpg"
/usr/bin/python3 "$ROOT/bench/make_jpeg.py" "$PEEK_BENCH_IMAGE" 1048576
cp "$PEEK_BENCH_IMAGE" "$SAMPLE"

ID=$(curl -fsS -F "image=@$PEEK_BENCH_IMAGE;type=image/jpeg" "$BASE/api/analyze" | sed -E 's/.*"id":"([^"]+)".*/\1/')
PEEK_SKIP_BUILD=1 "$ROOT/.build/release/peek-worker" --once 2>/dev/null  # a completed result is the larger answer

# run NAME CONNECTIONS URL [wrk args...] -> sets RPS and P99_MS
run() {
    local name=$1 connections=$2 url=$3
    shift 3
    local output
    output=$(wrk -t2 -c"$connections" -d"$DURATION" --latency "$@" "$url")
    if grep -q "Non-2xx" <<<"$output"; then
        echo "$name: non-2xx answers seen:"; echo "$output"; exit 1
    fi
    RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$output")
    P99_MS=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$output")
    printf '%-34s %10.0f req/s   p99 %7.2f ms\n' "$name" "$RPS" "$P99_MS"
}

status=0
check() {  # check DESCRIPTION ACTUAL OP TARGET
    if awk -v a="$2" -v t="$4" "BEGIN { exit !(a $3 t) }"; then
        printf '  ok    %s: %s (target %s %s)\n' "$1" "$2" "$3" "$4"
    else
        printf '  MISS  %s: %s (target %s %s)\n' "$1" "$2" "$3" "$4"; status=1
    fi
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); wrk 2 threads, $DURATION per run"
run "GET /api/results/ID" 32 "$BASE/api/results/$ID"; check "results req/s" "$RPS" ">=" 8000; check "results p99 ms" "$P99_MS" "<" 10
run "GET /api/health" 32 "$BASE/api/health"; check "health req/s" "$RPS" ">=" 8000; check "health p99 ms" "$P99_MS" "<" 10
run "GET /bench-sample.jpg (static)" 32 "$BASE/bench-sample.jpg"; STATIC_RPS=$RPS
run "GET /api/image/ID/original" 32 "$BASE/api/image/$ID/original"
RATIO=$(awk -v a="$RPS" -v b="$STATIC_RPS" 'BEGIN { printf "%.2f", a / b }')
check "original via X-Accel-Redirect / static" "$RATIO" ">=" 0.5
run "POST /api/analyze (1 MiB JPEG)" 8 "$BASE/" -s "$ROOT/bench/upload.lua"
check "uploads/s at 8 connections" "$RPS" ">=" 150

sleep 2
# Idle processes: the lean functions (no extra libraries) against the 30 MB target; those that
# link OpenCV and libvips (the transforms) reported apart, with their proportional share (PSS)
# beside the resident size, since most of their pages are libraries shared between processes.
# shellcheck source=../deploy/lib/functions.sh
. "$ROOT/deploy/lib/functions.sh"
MAX_RSS=0
for name in $(functions_list "$ROOT/Sources"); do
    for pid in $(pgrep -P "$(cat "$PEEK_DATA_DIR/run/$name.pid")"); do
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
        pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
        if [ -z "$(function_value "$ROOT/Sources" "$name" libraries)" ]; then
            [ "$rss" -gt "$MAX_RSS" ] && MAX_RSS=$rss
        else
            printf '%-34s %6.1f MB resident, %5.1f MB proportional (idle, OpenCV and libvips linked)\n' \
                "$name" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$(awk -v k="$pss" 'BEGIN { print k / 1024 }')"
        fi
        break
    done
done
check "largest idle lean function process, MB resident" "$(awk -v k="$MAX_RSS" 'BEGIN { printf "%.1f", k / 1024 }')" "<" 30
exit $status
