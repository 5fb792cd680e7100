#!/usr/bin/env bash
# Starts, stops and reports Peek's whole stack on one machine (development and tests):
# nginx on PEEK_HOST:PEEK_PORT, one spawn-fcgi + multiwatch pool per API function, the worker.
#
#   ./spawn.sh up       install missing Debian packages, build (release), migrate, start everything
#   ./spawn.sh down     stop exactly what `up` started (by pid)
#   ./spawn.sh status   show what runs
#   ./spawn.sh test     install test dependencies and run every test suite
#   ./spawn.sh deps     only install the missing Debian packages
#
# Settings (environment): PEEK_PORT (8080), PEEK_HOST (127.0.0.1), PEEK_DATA_DIR (./var),
# PEEK_POOL_HEALTH / _ANALYZE / _RESULTS / _IMAGE (processes per pool), PEEK_WORKERS (2),
# PEEK_UPLOAD_RATE (uploads/s per client, 20), PEEK_UPLOAD_BURST (60), PEEK_CONN_LIMIT (256),
# PEEK_CLIENT_TIMEOUT (seconds a client may stay silent while sending headers or body, 20),
# PEEK_SKIP_BUILD=1 (reuse the existing release build), plus every PEEK_* the binaries read.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PEEK_PORT=${PEEK_PORT:-8080}
export PEEK_HOST=${PEEK_HOST:-127.0.0.1}
export PEEK_DATA_DIR=${PEEK_DATA_DIR:-$ROOT/var}
export PEEK_RUN_DIR=${PEEK_RUN_DIR:-$PEEK_DATA_DIR/run}
export PEEK_UPLOAD_DIR=${PEEK_UPLOAD_DIR:-$PEEK_DATA_DIR/uploads}
LOG_DIR=$PEEK_DATA_DIR/log
BIN_DIR=$ROOT/.build/release
FUNCTIONS=(fn-health fn-analyze fn-results fn-image)

RUNTIME_PACKAGES=(nginx spawn-fcgi multiwatch curl libfcgi-dev libsqlite3-dev libopencv-dev opencv-data
    libtesseract-dev tesseract-ocr-eng libjpeg-dev libgif-dev libcurl4-openssl-dev)
TEST_PACKAGES=(python3 python3-pytest python3-requests python3-pil python3-numpy chromium chromium-driver
    python3-selenium python3-venv opencv-doc fonts-dejavu-core time systemd nodejs)

say() { printf '%s\n' "$*" >&2; }
die() { say "spawn.sh: $*"; exit 1; }

pool_size() {
    local name=${1#fn-}
    local variable="PEEK_POOL_${name^^}"
    echo "${!variable:-4}"
}

install_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    say "installing Debian packages: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
    [ "${PEEK_SKIP_BUILD:-0}" = 1 ] && [ -x "$BIN_DIR/fn-health" ] && return 0
    say "building (release)…"
    (cd "$ROOT" && swift build -c release 2>&1 | grep -E "error|warning: unre|Compiling|Build complete" | tail -5 >&2)
    [ -x "$BIN_DIR/fn-health" ] || die "the release build failed; run: swift build -c release"
}

pid_file() { echo "$PEEK_RUN_DIR/$1.pid"; }

# Running and not a zombie (killed, not yet reaped by a parent that is not ours).
alive() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    [[ "$state" != Z* ]]
}

running_pid() {
    local file
    file=$(pid_file "$1")
    [ -f "$file" ] || return 1
    local pid
    pid=$(cat "$file")
    [ -n "$pid" ] && alive "$pid" && echo "$pid"
}

# The user nginx's workers run as. As root we prefer www-data, but only when it can reach the
# data directory (a checkout under /root cannot be traversed by it); otherwise the current user.
nginx_user() {
    if [ "$(id -u)" -ne 0 ]; then id -un; return; fi
    if id www-data >/dev/null 2>&1 && runuser -u www-data -- test -x "$PEEK_DATA_DIR" -a -r "$ROOT/static" 2>/dev/null; then
        echo www-data
    else
        id -un
    fi
}

prepare_directories() {
    local user=$1
    mkdir -p "$PEEK_DATA_DIR"/{blobs,tmp} "$PEEK_RUN_DIR" "$PEEK_UPLOAD_DIR" "$LOG_DIR"
    chmod 0755 "$PEEK_DATA_DIR" "$PEEK_DATA_DIR/blobs"
    # nginx writes upload bodies; the functions (this user) read them.
    chown "$user" "$PEEK_UPLOAD_DIR"
    chmod 0750 "$PEEK_RUN_DIR"
    [ "$user" != "$(id -un)" ] && chgrp "$(id -gn "$user")" "$PEEK_RUN_DIR"
    return 0
}

render() {
    local template=$1 output=$2 user=$3
    local user_directive="# nginx runs as the invoking user"
    [ "$(id -u)" -eq 0 ] && user_directive="user $user $(id -gn "$user");"
    sed -e "s|@USER_DIRECTIVE@|$user_directive|g" \
        -e "s|@RUN_DIR@|$PEEK_RUN_DIR|g" \
        -e "s|@SOCKET_DIR@|$PEEK_RUN_DIR|g" \
        -e "s|@LOG_DIR@|$LOG_DIR|g" \
        -e "s|@LISTEN@|$PEEK_HOST:$PEEK_PORT|g" \
        -e "s|@SERVER_NAME@|localhost|g" \
        -e "s|@STATIC_DIR@|$ROOT/static|g" \
        -e "s|@NGINX_DIR@|$ROOT/nginx|g" \
        -e "s|@OPENAPI_FILE@|$ROOT/openapi.yaml|g" \
        -e "s|@BODY_TEMP_DIR@|$PEEK_UPLOAD_DIR|g" \
        -e "s|@BODY_HANDOFF@|file|g" \
        -e "s|@BLOB_DIR@|$PEEK_DATA_DIR/blobs|g" \
        -e "s|@UPLOAD_RATE@|${PEEK_UPLOAD_RATE:-20}|g" \
        -e "s|@UPLOAD_BURST@|${PEEK_UPLOAD_BURST:-60}|g" \
        -e "s|@CONN_LIMIT@|${PEEK_CONN_LIMIT:-256}|g" \
        -e "s|@CLIENT_TIMEOUT@|${PEEK_CLIENT_TIMEOUT:-20}|g" \
        "$template" > "$output"
}

start_pool() {
    local name=$1 user=$2
    if pid=$(running_pid "$name"); then
        say "$name already running (pid $pid)"
        return 0
    fi
    local socket="$PEEK_RUN_DIR/$name.sock"
    rm -f "$socket"
    # spawn-fcgi binds the socket (owned by nginx's user, mode 0660) and execs multiwatch in
    # place (-n), which keeps N handler processes alive on it, restarting any that die.
    local owner=()
    [ "$user" != "$(id -un)" ] && owner=(-U "$user" -G "$(id -gn "$user")")
    spawn-fcgi -n -s "$socket" -M 0660 "${owner[@]}" -- \
        /usr/bin/multiwatch -f "$(pool_size "$name")" -- "$BIN_DIR/$name" \
        >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
    echo $! > "$(pid_file "$name")"
}

start_workers() {
    [ -x "$BIN_DIR/peek-worker" ] || { say "peek-worker not built; uploads will wait in the queue"; return 0; }
    local count=${PEEK_WORKERS:-2}
    for index in $(seq 1 "$count"); do
        local name="peek-worker-$index"
        if pid=$(running_pid "$name"); then say "$name already running (pid $pid)"; continue; fi
        "$BIN_DIR/peek-worker" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
        echo $! > "$(pid_file "$name")"
    done
}

start_nginx() {
    local user=$1
    render "$ROOT/nginx/nginx.conf.template" "$PEEK_RUN_DIR/nginx.conf" "$user"
    render "$ROOT/nginx/peek-site.conf.template" "$PEEK_RUN_DIR/peek-site.conf" "$user"
    nginx -t -q -p "$PEEK_RUN_DIR" -c "$PEEK_RUN_DIR/nginx.conf" -g "error_log stderr;" \
        || die "the generated nginx configuration is invalid ($PEEK_RUN_DIR/nginx.conf)"
    if pid=$(running_pid nginx); then
        kill -HUP "$pid"
        return 0
    fi
    nginx -p "$PEEK_RUN_DIR" -c "$PEEK_RUN_DIR/nginx.conf" -g "error_log stderr;" 2>>"$LOG_DIR/nginx-error.log" \
        || die "nginx did not start; see $LOG_DIR/nginx-error.log (is port $PEEK_PORT free?)"
}

wait_healthy() {
    local url="http://$PEEK_HOST:$PEEK_PORT/api/health"
    for _ in $(seq 1 100); do
        if curl -fsS -o /dev/null "$url" 2>/dev/null; then
            say "Peek is up on http://$PEEK_HOST:$PEEK_PORT/ (data in $PEEK_DATA_DIR)"
            return 0
        fi
        sleep 0.1
    done
    die "the stack started but $url does not answer 200; see $LOG_DIR/"
}

up() {
    install_packages "${RUNTIME_PACKAGES[@]}"
    build
    mkdir -p "$PEEK_DATA_DIR" && chmod 0755 "$PEEK_DATA_DIR"
    local user
    user=$(nginx_user)
    prepare_directories "$user"
    "$BIN_DIR/peek-admin" migrate
    for name in "${FUNCTIONS[@]}"; do start_pool "$name" "$user"; done
    start_workers
    start_nginx "$user"
    wait_healthy
}

stop_pid() {
    local name=$1 pid
    pid=$(running_pid "$name") || { rm -f "$(pid_file "$name")"; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        alive "$pid" || break
        sleep 0.05
    done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null
    rm -f "$(pid_file "$name")"
    say "stopped $name (pid $pid)"
}

down() {
    [ -d "$PEEK_RUN_DIR" ] || { say "nothing runs from $PEEK_RUN_DIR"; return 0; }
    stop_pid nginx
    for file in "$PEEK_RUN_DIR"/peek-worker-*.pid; do
        [ -e "$file" ] && stop_pid "$(basename "$file" .pid)"
    done
    for name in "${FUNCTIONS[@]}"; do
        stop_pid "$name"
        rm -f "$PEEK_RUN_DIR/$name.sock"
    done
}

status() {
    local any=1
    for file in "$PEEK_RUN_DIR"/*.pid; do
        [ -e "$file" ] || continue
        local name pid
        name=$(basename "$file" .pid)
        if pid=$(running_pid "$name"); then
            local children
            children=$(pgrep -P "$pid" 2>/dev/null | wc -l)
            printf '%-16s running  pid %-8s %s\n' "$name" "$pid" "$([ "$children" -gt 0 ] && echo "($children children)")"
            any=0
        else
            printf '%-16s stopped  (stale pid file)\n' "$name"
        fi
    done
    [ $any -eq 0 ] || { say "nothing runs from $PEEK_RUN_DIR"; return 3; }
    curl -fsS "http://$PEEK_HOST:$PEEK_PORT/api/health" && echo || true
}

run_tests() {
    install_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    cd "$ROOT"
    say "unit tests (swift test)…"
    local log="${TMPDIR:-/tmp}/peek-swift-test.log"
    if ! swift test >"$log" 2>&1; then
        grep -vE "^\[[0-9]+/[0-9]+\]" "$log" | tail -60 >&2
        die "unit tests failed (full log: $log)"
    fi
    grep -E "Executed [0-9]+ tests|Test run with" "$log" >&2
    say "web page unit tests (node --test)…"
    local web_log="${TMPDIR:-/tmp}/peek-web-test.log"
    if ! node --test Tests/WebTests/*.test.mjs >"$web_log" 2>&1; then
        grep -E -A25 "^ *not ok" "$web_log" | head -80 >&2
        die "web page unit tests failed (full log: $web_log)"
    fi
    grep -E "^# (tests|fail) " "$web_log" >&2
    build
    say "integration tests (real nginx, pools, worker, SQLite)…"
    say "fuzzing the parsers of untrusted bytes (libFuzzer, bounded)…"
    "$ROOT/Fuzz/run.sh" "${PEEK_FUZZ_SECONDS:-60}"
    # The suites start stacks of their own; this script's stack settings must not reach them.
    unset PEEK_PORT PEEK_HOST PEEK_DATA_DIR PEEK_RUN_DIR PEEK_UPLOAD_DIR
    local suites=()
    for suite in IntegrationTests ContractTests BrowserTests DeployTests; do
        [ -d "$ROOT/Tests/$suite" ] && suites+=("$ROOT/Tests/$suite")
    done
    PEEK_SKIP_BUILD=1 /usr/bin/python3 -m pytest -q -p no:cacheprovider "${suites[@]}" "$@"
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    deps) install_packages "${RUNTIME_PACKAGES[@]}" ;;
    test) shift; run_tests "$@" ;;
    *) say "usage: ./spawn.sh up|down|status|test|deps"; exit 2 ;;
esac
