#!/usr/bin/env bash
# Installs, upgrades or removes Peek on a Debian machine run by systemd, with the system nginx.
#
#   sudo ./deploy/install.sh install            build (release), install or upgrade, (re)start
#   sudo ./deploy/install.sh uninstall          stop and remove the program; keep data and settings
#   sudo ./deploy/install.sh uninstall --purge  also remove /var/lib/peek, /etc/peek and the user
#
# Settings (environment):
#   DESTDIR=/some/root   lay the tree out under that root for packaging or tests: nothing outside
#                        it is touched (no user, no systemctl, no nginx reload, no chown); the
#                        commands a real install would run are written to
#                        $DESTDIR/usr/local/lib/peek/install-actions and every path's intended
#                        owner and mode to $DESTDIR/usr/local/lib/peek/manifest.
#   PEEK_SKIP_BUILD=1    install the binaries already in .build/release instead of building.
#   PEEK_SERVER_NAME     nginx server_name of the site (default: _ , any name).
#   PEEK_LISTEN          nginx listen address of the site (default: 80).
#   PEEK_NGINX_USER      the user nginx's workers run as (default: read from /etc/nginx/nginx.conf).
#   PEEK_UPLOAD_RATE, PEEK_UPLOAD_BURST, PEEK_CONN_LIMIT, PEEK_CLIENT_TIMEOUT
#                        the site's per-client limits, as for ./spawn.sh (20, 60, 256, 20).
#
# Layout: programs in /usr/local/lib/peek/bin (peek-admin also on PATH), the Swift runtime they
# were built with in /usr/local/lib/peek/lib, web page in /usr/local/share/peek/static, units in
# /usr/local/lib/systemd/system, settings in /etc/peek/peek.env, nginx site in
# /etc/nginx/sites-available/peek, data in /var/lib/peek, sockets in /run/peek.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEPLOY=$ROOT/deploy
DESTDIR=${DESTDIR:-}
DESTDIR=${DESTDIR%/}
BUILD_DIR=$ROOT/.build/release

PREFIX=/usr/local
LIB_DIR=$PREFIX/lib/peek
BIN_DIR=$LIB_DIR/bin
RUNTIME_DIR=$LIB_DIR/lib
SHARE_DIR=$PREFIX/share/peek
DOC_DIR=$PREFIX/share/doc/peek
UNIT_DIR=$PREFIX/lib/systemd/system
CONF_DIR=/etc/peek
ENV_FILE=$CONF_DIR/peek.env
SITE_FILE=/etc/nginx/sites-available/peek
SITE_LINK=/etc/nginx/sites-enabled/peek
DATA_DIR=/var/lib/peek
RUN_DIR=/run/peek
MANIFEST=$LIB_DIR/manifest
ACTIONS=$LIB_DIR/install-actions
SITE_SUM=$LIB_DIR/site.sha256

USER_NAME=peek
FUNCTIONS=(health analyze results image)
PROGRAMS=(fn-health fn-analyze fn-results fn-image peek-admin)
OPTIONAL_PROGRAMS=(peek-worker)
UNITS=(peek.target peek-migrate.service peek-fn@.service peek-worker@.service
    peek-worker-once.service peek-worker-once.timer)

say() { printf '%s\n' "$*" >&2; }
die() { say "install.sh: $*"; exit 1; }

staged() { printf '%s%s' "$DESTDIR" "$1"; }

# A command that changes the machine beyond the installed tree: run it, or with DESTDIR only
# record it (a packager's postinst or a test reads the record).
system() {
    if [ -n "$DESTDIR" ]; then
        printf 'would run: %s\n' "$*"
        [ -d "$(staged "$LIB_DIR")" ] && printf '%s\n' "$*" >> "$(staged "$ACTIONS")"
        return 0
    else
        "$@"
    fi
}

manifest_entries=()

# Records a path's intended type, mode and owner, and applies the mode (and, for a real install,
# the owner).
own() {
    local type=$1 mode=$2 owner=$3 group=$4 path=$5
    chmod "$mode" "$(staged "$path")"
    [ -z "$DESTDIR" ] && chown -h "$owner:$group" "$path"
    manifest_entries+=("$(printf '%s\t%s\t%s\t%s\t%s' "$type" "$mode" "$owner" "$group" "$path")")
}

make_dir() {
    local mode=$1 owner=$2 group=$3 path=$4
    mkdir -p "$(staged "$path")"
    own d "$mode" "$owner" "$group" "$path"
}

# Copies a file in atomically (a running process keeps the old inode), then records it.
put_file() {
    local mode=$1 owner=$2 group=$3 source=$4 path=$5
    local target
    target=$(staged "$path")
    mkdir -p "$(dirname "$target")"
    cp -f "$source" "$target.new.$$"
    mv -f "$target.new.$$" "$target"
    own f "$mode" "$owner" "$group" "$path"
}

put_text() {
    local mode=$1 owner=$2 group=$3 path=$4 text=$5
    local source
    source=$(mktemp)
    printf '%s' "$text" > "$source"
    put_file "$mode" "$owner" "$group" "$source" "$path"
    rm -f "$source"
}

# A directory the system owns (created only when laying out a DESTDIR tree; never recorded).
ensure_dir() { mkdir -p "$(staged "$1")"; }

put_link() {
    local target=$1 path=$2
    mkdir -p "$(dirname "$(staged "$path")")"
    ln -sfn "$target" "$(staged "$path")"
    manifest_entries+=("$(printf 'l\t0777\troot\troot\t%s' "$path")")
}

# The user nginx's worker processes run as, which must reach the sockets and read the blobs.
nginx_user() {
    if [ -n "${PEEK_NGINX_USER:-}" ]; then echo "$PEEK_NGINX_USER"; return; fi
    local user
    user=$(awk '$1 == "user" { sub(";", "", $2); print $2; exit }' /etc/nginx/nginx.conf 2>/dev/null || true)
    echo "${user:-www-data}"
}

build() {
    if [ "${PEEK_SKIP_BUILD:-0}" = 1 ]; then
        [ -x "$BUILD_DIR/fn-health" ] || die "PEEK_SKIP_BUILD=1 but $BUILD_DIR holds no build; run: swift build -c release"
        return 0
    fi
    command -v swift >/dev/null || die "swift is not on PATH (under sudo: sudo env PATH=\"\$PATH\" ./deploy/install.sh install)"
    say "building (release)…"
    (cd "$ROOT" && swift build -c release 2>&1 | grep -E "error|Compiling|Build complete" | tail -5 >&2)
}

install_programs() {
    make_dir 0755 root root "$LIB_DIR"
    make_dir 0755 root root "$BIN_DIR"
    make_dir 0755 root root "$RUNTIME_DIR"
    local program
    for program in "${PROGRAMS[@]}"; do
        [ -x "$BUILD_DIR/$program" ] || die "$BUILD_DIR/$program is missing; the build is incomplete"
        put_file 0755 root root "$BUILD_DIR/$program" "$BIN_DIR/$program"
    done
    for program in "${OPTIONAL_PROGRAMS[@]}"; do
        if [ -x "$BUILD_DIR/$program" ]; then
            put_file 0755 root root "$BUILD_DIR/$program" "$BIN_DIR/$program"
        else
            say "warning: $program is not built; its units are installed but not enabled"
        fi
    done
    put_file 0755 root root "$DEPLOY/peek-pool" "$BIN_DIR/peek-pool"
    bundle_swift_runtime
    put_text 0755 root root "$PREFIX/bin/peek-admin" "#!/bin/sh
# Installed by Peek's deploy/install.sh: peek-admin with the Swift runtime it was built with.
LD_LIBRARY_PATH=$RUNTIME_DIR exec $BIN_DIR/peek-admin \"\$@\"
"
}

# Swift's ABI is not stable on Linux: the programs carry the exact runtime libraries they were
# linked against (found through ldd), so upgrading or removing the toolchain cannot break them.
bundle_swift_runtime() {
    local library
    while read -r library; do
        put_file 0644 root root "$library" "$RUNTIME_DIR/$(basename "$library")"
    done < <(for program in "$(staged "$BIN_DIR")"/*; do ldd "$program" 2>/dev/null || true; done \
        | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' \
        | grep -vE '^/(usr/)?lib(32|64)?/' | sort -u)
}

install_static() {
    make_dir 0755 root root "$SHARE_DIR"
    make_dir 0755 root root "$SHARE_DIR/static"
    make_dir 0755 root root "$SHARE_DIR/nginx"
    local file relative
    while IFS= read -r -d '' file; do
        relative=${file#"$ROOT/static/"}
        if [ -d "$file" ]; then
            make_dir 0755 root root "$SHARE_DIR/static/$relative"
        else
            put_file 0644 root root "$file" "$SHARE_DIR/static/$relative"
        fi
    done < <(find "$ROOT/static" -mindepth 1 \( -name '.*' -prune \) -o -print0 | sort -z)
    for file in fastcgi_params.peek analyze-body-stream.conf; do
        put_file 0644 root root "$ROOT/nginx/$file" "$SHARE_DIR/nginx/$file"
    done
    [ -f "$ROOT/openapi.yaml" ] && put_file 0644 root root "$ROOT/openapi.yaml" "$SHARE_DIR/openapi.yaml"
    make_dir 0755 root root "$DOC_DIR"
    [ -f "$ROOT/README.md" ] && put_file 0644 root root "$ROOT/README.md" "$DOC_DIR/README.md"
    return 0
}

install_units() {
    ensure_dir "$PREFIX/lib/systemd"
    make_dir 0755 root root "$UNIT_DIR"
    local unit
    for unit in "${UNITS[@]}"; do
        put_file 0644 root root "$DEPLOY/systemd/$unit" "$UNIT_DIR/$unit"
    done
}

# Settings are the admin's: installed once, then left alone (like a Debian conffile).
install_settings() {
    make_dir 0755 root root "$CONF_DIR"
    if [ -e "$(staged "$ENV_FILE")" ]; then
        say "keeping $ENV_FILE"
        own f 0640 root "$USER_NAME" "$ENV_FILE"
    else
        put_file 0640 root "$USER_NAME" "$DEPLOY/peek.env" "$ENV_FILE"
    fi
}

# The site for the system nginx, rendered from nginx/peek-site.conf.template. The upload body
# reaches fn-analyze over its socket rather than as a file path (analyze-body-stream.conf):
# nginx writes its body files with mode 0600 as its own user, which the functions' user cannot read.
render_site() {
    local output=$1
    sed -e "s|@LISTEN@|${PEEK_LISTEN:-80}|g" \
        -e "s|@SERVER_NAME@|${PEEK_SERVER_NAME:-_}|g" \
        -e "s|@STATIC_DIR@|$SHARE_DIR/static|g" \
        -e "s|@NGINX_DIR@|$SHARE_DIR/nginx|g" \
        -e "s|@OPENAPI_FILE@|$SHARE_DIR/openapi.yaml|g" \
        -e "s|@SOCKET_DIR@|$RUN_DIR|g" \
        -e "s|@BLOB_DIR@|$DATA_DIR/blobs|g" \
        -e "s|@UPLOAD_RATE@|${PEEK_UPLOAD_RATE:-20}|g" \
        -e "s|@UPLOAD_BURST@|${PEEK_UPLOAD_BURST:-60}|g" \
        -e "s|@CONN_LIMIT@|${PEEK_CONN_LIMIT:-256}|g" \
        -e "s|@CLIENT_TIMEOUT@|${PEEK_CLIENT_TIMEOUT:-20}|g" \
        -e "s|@BODY_TEMP_DIR@|/var/lib/nginx/body|g" \
        -e "s|@BODY_HANDOFF@|stream|g" \
        -e '1i # Installed by Peek'"'"'s deploy/install.sh from nginx/peek-site.conf.template. Set server_name\n# and TLS here (certbot --nginx edits this file); upgrades keep an edited file and write the\n# new version beside it as peek.new.' \
        "$ROOT/nginx/peek-site.conf.template" > "$output"
    local unfilled
    unfilled=$(grep -vE '^ *#' "$output" | grep -oE '@[A-Z_]+@' | sort -u | tr '\n' ' ' || true)
    if [ -n "$unfilled" ]; then
        die "unfilled placeholders in the nginx site: $unfilled"
    fi
    if grep -qE 'REQUEST_BODY_FILE|client_body_in_file_only|\$request_body_file' "$output"; then
        die "the nginx site still hands upload bodies over as files; update render_site in deploy/install.sh"
    fi
}

# Replaced on upgrade only while the admin has not edited it (checked against the checksum of
# what was installed last); otherwise the new version is written beside it as peek.new.
install_site() {
    ensure_dir /etc/nginx/sites-available
    ensure_dir /etc/nginx/sites-enabled
    local rendered current recorded
    rendered=$(mktemp)
    render_site "$rendered"
    if [ -f "$(staged "$SITE_FILE")" ]; then
        current=$(sha256sum < "$(staged "$SITE_FILE")" | cut -d' ' -f1)
        recorded=$(cat "$(staged "$SITE_SUM")" 2>/dev/null || true)
        if [ "$current" != "$recorded" ] && ! cmp -s "$rendered" "$(staged "$SITE_FILE")"; then
            say "keeping the edited $SITE_FILE; the new version is $SITE_FILE.new (compare with diff)"
            put_file 0644 root root "$rendered" "$SITE_FILE.new"
            own f 0644 root root "$SITE_FILE"
            [ -e "$(staged "$SITE_SUM")" ] && own f 0644 root root "$SITE_SUM"
            rm -f "$rendered"
            put_link "$SITE_FILE" "$SITE_LINK"
            return 0
        fi
    fi
    put_file 0644 root root "$rendered" "$SITE_FILE"
    rm -f "$rendered" "$(staged "$SITE_FILE.new")"
    sha256sum < "$(staged "$SITE_FILE")" | cut -d' ' -f1 > "$(staged "$SITE_SUM")"
    own f 0644 root root "$SITE_SUM"
    put_link "$SITE_FILE" "$SITE_LINK"
}

create_user() {
    local web_user=$1
    if [ -n "$DESTDIR" ] || ! id "$USER_NAME" >/dev/null 2>&1; then
        system useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home \
            --shell /usr/sbin/nologin --comment "Peek image analysis" "$USER_NAME"
    fi
    # nginx's user joins the peek group: it reaches /run/peek/*.sock (0660) and reads blobs (0640).
    if [ -n "$DESTDIR" ] || ! id -nG "$web_user" 2>/dev/null | tr ' ' '\n' | grep -qx "$USER_NAME"; then
        system usermod --append --groups "$USER_NAME" "$web_user"
    fi
}

# /var/lib/peek is also created by systemd (StateDirectory=) with the same owner and mode; making
# it here lets the tree be checked and backed up before the first start.
install_data_dirs() {
    ensure_dir /var/lib
    make_dir 0750 "$USER_NAME" "$USER_NAME" "$DATA_DIR"
    make_dir 0750 "$USER_NAME" "$USER_NAME" "$DATA_DIR/blobs"
    make_dir 0750 "$USER_NAME" "$USER_NAME" "$DATA_DIR/tmp"
}

write_manifest() {
    make_dir 0755 root root "$LIB_DIR"
    local file
    file=$(staged "$MANIFEST")
    printf '%s\n' "${manifest_entries[@]}" | awk -F'\t' '!seen[$5]++' > "$file.new"
    mv -f "$file.new" "$file"
    chmod 0644 "$file"
}

enabled_workers() {
    local count=2
    if [ -r "$(staged "$ENV_FILE")" ]; then
        count=$(sed -n 's/^PEEK_WORKERS=\([0-9][0-9]*\)$/\1/p' "$(staged "$ENV_FILE")" | tail -1)
    fi
    seq 1 "${count:-2}"
}

install() {
    [ -n "$DESTDIR" ] || [ "$(id -u)" -eq 0 ] || die "run as root (sudo), or with DESTDIR=/some/root"
    [ -d /run/systemd/system ] || [ -n "$DESTDIR" ] || die "systemd is not running this machine"
    build
    if [ -z "$DESTDIR" ]; then
        "$ROOT/spawn.sh" deps
    else
        mkdir -p "$(staged "$LIB_DIR")"
        : > "$(staged "$ACTIONS")"
    fi
    local web_user upgrade=0
    web_user=$(nginx_user)
    create_user "$web_user"

    # An upgrade stops the workers first: on SIGTERM each finishes or releases its job, so
    # nothing is lost and the new version resumes the queue.
    if [ -e "$(staged "$MANIFEST")" ]; then
        upgrade=1
        system systemctl stop 'peek-worker@*.service' peek-worker-once.timer peek-worker-once.service
    fi

    install_programs
    install_static
    install_units
    install_settings
    install_data_dirs
    install_site
    write_manifest

    system systemctl daemon-reload
    local units=(peek.target peek-migrate.service)
    for name in "${FUNCTIONS[@]}"; do units+=("peek-fn@$name.service"); done
    if [ -x "$(staged "$BIN_DIR/peek-worker")" ]; then
        for index in $(enabled_workers); do units+=("peek-worker@$index.service"); done
    fi
    system systemctl enable "${units[@]}"
    if [ $upgrade = 1 ]; then
        # Migrate once; Requires= restarts the pools after it, on the new programs and schema.
        system systemctl restart peek-migrate.service
    fi
    system systemctl start peek.target
    system nginx -t -q
    system systemctl reload-or-restart nginx.service
    if [ -n "$DESTDIR" ]; then
        say "laid out in $DESTDIR; actions recorded in $(staged "$ACTIONS")"
    else
        say "Peek is installed: systemctl status peek.target; journalctl -u 'peek-*'"
        [ "${PEEK_SERVER_NAME:-_}" = _ ] && [ -e /etc/nginx/sites-enabled/default ] \
            && say "note: nginx's default site answers requests for unknown names first; set PEEK_SERVER_NAME or remove /etc/nginx/sites-enabled/default"
    fi
    return 0
}

uninstall() {
    local purge=0
    [ "${1:-}" = --purge ] && purge=1
    [ -n "$DESTDIR" ] || [ "$(id -u)" -eq 0 ] || die "run as root (sudo), or with DESTDIR=/some/root"
    [ -e "$(staged "$MANIFEST")" ] || die "Peek is not installed here (no $MANIFEST)"
    system systemctl disable --now peek.target peek-migrate.service 'peek-fn@*.service' \
        'peek-worker@*.service' peek-worker-once.timer peek-worker-once.service
    # Every file the manifest lists, deepest first; settings and data stay unless --purge.
    local type mode owner group path
    while IFS=$'\t' read -r type mode owner group path; do
        case $path in
            "$ENV_FILE"|"$CONF_DIR"|"$DATA_DIR"|"$DATA_DIR"/*)
                [ $purge = 1 ] || continue ;;
        esac
        if [ "$type" = d ]; then
            if [ "$path" = "$DATA_DIR" ]; then rm -rf "$(staged "$path")"; else rmdir "$(staged "$path")" 2>/dev/null || true; fi
        else
            rm -f "$(staged "$path")"
        fi
    done < <(sort -t$'\t' -k5,5r "$(staged "$MANIFEST")")
    rm -f "$(staged "$SITE_FILE.new")" "$(staged "$SITE_SUM")" "$(staged "$MANIFEST")"
    rmdir "$(staged "$RUNTIME_DIR")" "$(staged "$BIN_DIR")" 2>/dev/null || true
    system systemctl daemon-reload
    system nginx -t -q
    system systemctl reload-or-restart nginx.service
    if [ $purge = 1 ]; then
        system rm -rf "$RUN_DIR"
        system gpasswd --delete "$(nginx_user)" "$USER_NAME"
        system userdel "$USER_NAME"
        say "Peek, its data and its settings are removed"
    else
        say "Peek is removed; data kept in $DATA_DIR and settings in $ENV_FILE (uninstall --purge removes them)"
    fi
    rm -f "$(staged "$ACTIONS")"
    rmdir "$(staged "$LIB_DIR")" 2>/dev/null || true
}

case "${1:-}" in
    install) install ;;
    uninstall) shift; uninstall "$@" ;;
    *) say "usage: deploy/install.sh install | uninstall [--purge]"; exit 2 ;;
esac
