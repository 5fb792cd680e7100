#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of the parsers that read untrusted bytes:
#   multipart      Sources/PeekHTTP/Multipart (Content-Type boundary and body)
#   image-header   Sources/ImageInspection (ImageHeader.read and ImageFormat.sniff: type and size)
#
#   Fuzz/run.sh [SECONDS] [TARGET...]   build, then fuzz each target for SECONDS (default 60)
#   Fuzz/run.sh 0                       build only
#   Fuzz/run.sh replay TARGET FILE...   run a target once on given inputs (a crash, a seed)
#
# The targets are built with swiftc straight from the parser sources, which depend on nothing
# else, not through SwiftPM, so that the package's dependencies (GRDB, swift-crypto) are never
# built with -sanitize=fuzzer. Seeds come from Fuzz/corpus/TARGET
# (committed; see Fuzz/make-corpus.py) and are never written to; what libFuzzer learns goes to
# .build-fuzz/corpus/TARGET and crashing inputs to .build-fuzz/artifacts/TARGET/. Exit status 1
# when any target found a crash: turn each into a named test in Tests/PeekHTTPTests or Tests/VisionTests.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${PEEK_FUZZ_DIR:-$ROOT/.build-fuzz}
ALL_TARGETS=(multipart image-header)

say() { printf '%s\n' "$*" >&2; }
die() { say "Fuzz/run.sh: $*"; exit 2; }

sources() {
    case $1 in
        multipart) echo Fuzz/MultipartFuzzer.swift Sources/PeekHTTP/Multipart/*.swift ;;
        image-header) echo Fuzz/ImageHeaderFuzzer.swift Sources/ImageInspection/*.swift ;;
        *) die "unknown target '$1' (targets: ${ALL_TARGETS[*]})" ;;
    esac
}

# libFuzzer ships with the Swift toolchain for Linux (its clang resource directory); a Debian
# libfuzzer package would not be found by swiftc, so a toolchain without it cannot fuzz.
check_toolchain() {
    command -v swiftc >/dev/null || die "swiftc is not on PATH"
    local usr
    usr=$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")
    compgen -G "$usr/lib/swift/clang/lib/linux/libclang_rt.fuzzer-$(uname -m).a" >/dev/null \
        || compgen -G "$usr/lib/clang/*/lib/linux/libclang_rt.fuzzer-$(uname -m).a" >/dev/null \
        || die "the Swift toolchain in $usr has no libFuzzer runtime (libclang_rt.fuzzer-$(uname -m).a)"
}

build() {
    local target=$1 binary=$OUT/bin/$1-fuzzer
    mkdir -p "$OUT/bin"
    # shellcheck disable=SC2046  # the source list is word-split on purpose
    (cd "$ROOT" && swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name PeekFuzz -use-ld=lld \
        $(sources "$target") -o "$binary") \
        || die "building the $target fuzzer failed"
}

fuzz() {
    local target=$1 seconds=$2
    local corpus=$OUT/corpus/$target artifacts=$OUT/artifacts/$target log=$OUT/$target.log
    # A finding of an earlier run lives on as a regression test, not as a stale file here.
    rm -rf "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    say "fuzzing $target for ${seconds}s…"
    # Leak checking is off: the Swift runtime keeps metadata caches for the process's lifetime.
    # -rss_limit_mb and -timeout turn a memory blow-up or a hang on one input into a finding.
    local status=0
    # Swift's own crash backtracer is off: libFuzzer reports the trap itself (and ASan would flag
    # the backtracer's reads of the crashed process's memory).
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
        "$OUT/bin/$target-fuzzer" "$corpus" "$ROOT/Fuzz/corpus/$target" \
        -dict="$ROOT/Fuzz/dict/$target.dict" -max_total_time="$seconds" -max_len=8192 \
        -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    grep -aE "^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|peak_rss_mb)" "$log" | sed "s/^/  $target: /" >&2 || true
    local found
    found=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
    if [ "$status" -ne 0 ] || [ -n "$found" ]; then
        say "  $target: FOUND A BUG (exit $status); the report from $log:"
        # From the first error line: the sanitizer's or Swift's message and the stack.
        awk '/ERROR: (AddressSanitizer|libFuzzer)|Fatal error|deadly signal|ALARM|out-of-memory/ { on = 1 }
             on && n++ < 40' "$log" | sed 's/^/    /' >&2
        grep -aE "^SUMMARY:|^Base64:" "$log" | sed 's/^/    /' >&2 || true
        for file in $found; do say "  input: $file (replay: Fuzz/run.sh replay $target $file)"; done
        return 1
    fi
}

replay() {
    local target=$1; shift
    [ $# -gt 0 ] || die "usage: Fuzz/run.sh replay TARGET FILE..."
    sources "$target" >/dev/null
    check_toolchain
    build "$target"
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$OUT/bin/$target-fuzzer" -runs=1 "$@"
}

main() {
    if [ "${1:-}" = replay ]; then shift; replay "$@"; return; fi
    local seconds=${1:-60}
    [[ "$seconds" =~ ^[0-9]+$ ]] || die "usage: Fuzz/run.sh [SECONDS] [TARGET...] | replay TARGET FILE..."
    shift || true
    local targets=("$@")
    [ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")
    for target in "${targets[@]}"; do sources "$target" >/dev/null; done
    check_toolchain
    for target in "${targets[@]}"; do build "$target"; done
    say "built: ${targets[*]} (in $OUT/bin)"
    [ "$seconds" -eq 0 ] && return 0
    local failed=()
    for target in "${targets[@]}"; do fuzz "$target" "$seconds" || failed+=("$target"); done
    if [ ${#failed[@]} -gt 0 ]; then
        say "fuzzing found bugs in: ${failed[*]}"
        return 1
    fi
    say "fuzzing: no crash in ${targets[*]} (${seconds}s each)"
}

main "$@"
