#!/usr/bin/env bash
# Installs, upgrades or removes Peek on a Debian machine run by systemd, with the system nginx.
#
#   sudo ./deploy/install.sh install            build (release), install or upgrade, (re)start
#   sudo PEEK_DATABASE_URL=postgresql://… ./deploy/install.sh install --role worker
#                                               only the workers and peek-admin, for a second
#                                               machine sharing the first one's PostgreSQL
#   sudo ./deploy/install.sh uninstall          stop and remove the program; keep data and settings
#   sudo ./deploy/install.sh uninstall --purge  also remove /var/lib/peek, /etc/peek and the user
#   ./deploy/install.sh pack FILE.tar.gz        on the build machine: what `install` needs from this
#                                               checkout and its release build, with the Swift
#                                               runtime, for a machine without the toolchain
#
# Settings (environment):
#   DESTDIR=/some/root   lay the tree out under that root for packaging or tests: nothing outside
#                        it is touched (no user, no systemctl, no nginx reload, no chown); the
#                        commands a real install would run are written to
#                        $DESTDIR/usr/local/lib/peek/install-actions and every path's intended
#                        owner and mode to $DESTDIR/usr/local/lib/peek/manifest.
#   PEEK_SKIP_BUILD=1    install the binaries already in .build/release instead of building.
#   PEEK_DATABASE_URL    with --role worker on a first install: the PostgreSQL database of the
#                        web machine, written into the new /etc/peek/peek.env (later installs
#                        read it from there).
#   PEEK_SERVER_NAME     nginx server_name of the site (default: _ , any name).
#   PEEK_LISTEN          nginx listen address of the site (default: 80).
#   PEEK_NGINX_USER      the user nginx's workers run as (default: read from /etc/nginx/nginx.conf).
#   PEEK_UPLOAD_RATE, PEEK_UPLOAD_BURST, PEEK_CONN_LIMIT, PEEK_CLIENT_TIMEOUT
#                        the site's per-client limits, as for ./spawn.sh (20, 60, 256, 20).
#                        These six are remembered (/usr/local/lib/peek/site-settings): an upgrade
#                        without them keeps the values of the last install.
#
# The functions are those declared in Sources/fn-NAME/function.conf: each one's program is
# installed and its pool peek-fn@NAME enabled, and the site's locations are made from them.
#
# Layout: programs in /usr/local/lib/peek/bin (peek-admin also on PATH), the Swift runtime they
# were built with in /usr/local/lib/peek/lib, what peek-pool reads (the declarations, for a pool's
# default size) in /usr/local/share/peek/functions and /usr/local/lib/peek/ops, web page in
# /usr/local/share/peek/static, units in /usr/local/lib/systemd/system, settings in
# /etc/peek/peek.env, nginx site in /etc/nginx/sites-available/peek, data in /var/lib/peek,
# sockets in /run/peek.
set -euo pipefail

# shellcheck source=lib/ops.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ops.sh"
DEPLOY=$ROOT/deploy
DESTDIR=${DESTDIR:-}
DESTDIR=${DESTDIR%/}

PREFIX=/usr/local
LIB_DIR=$PREFIX/lib/peek
BIN_DIR=$LIB_DIR/bin
RUNTIME_DIR=$LIB_DIR/lib
OPS_DIR=$LIB_DIR/ops
SHARE_DIR=$PREFIX/share/peek
FUNCTIONS_DIR=$SHARE_DIR/functions
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
SITE_SETTINGS=$LIB_DIR/site-settings
SITE_VARIABLES=(PEEK_SERVER_NAME PEEK_LISTEN PEEK_UPLOAD_RATE PEEK_UPLOAD_BURST PEEK_CONN_LIMIT PEEK_CLIENT_TIMEOUT)

USER_NAME=peek
OPTIONAL_PROGRAMS=(peek-worker)
UNITS=(peek.target peek-migrate.service peek-fn@.service peek-worker@.service
    peek-worker-once.service peek-worker-once.timer peek-model-builds.service peek-model-runs.service)
# Model builds and runs (SPEC §11), each in a service of its own beside the analysis workers.
MODEL_UNITS=(peek-model-builds.service peek-model-runs.service)
# all: everything on one machine. worker: a second machine's workers, on the first one's database.
ROLE=all
WORKER_UNITS=(peek.target peek-migrate.service peek-worker@.service peek-worker-once.service
    peek-worker-once.timer "${MODEL_UNITS[@]}")
# What a worker machine does not run: nginx and the FastCGI pools.
WEB_PACKAGES=(nginx spawn-fcgi multiwatch)
# The drop-in that lets the units reach a PostgreSQL server or an S3 bucket over TCP/IP.
NETWORK_DROPIN=50-peek-database-network.conf

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

# The programs this role installs: every function's, peek-admin and the worker; on a worker
# machine the worker and peek-admin.
role_programs() {
    if [ "$ROLE" = worker ]; then
        printf '%s\n' peek-worker peek-admin
    else
        required_programs
        printf '%s\n' "${OPTIONAL_PROGRAMS[@]}"
    fi
}

role_units() {
    if [ "$ROLE" = worker ]; then printf '%s\n' "${WORKER_UNITS[@]}"; else printf '%s\n' "${UNITS[@]}"; fi
}

role_packages() {
    local package
    for package in "${RUNTIME_PACKAGES[@]}"; do
        [ "$ROLE" = worker ] && [[ " ${WEB_PACKAGES[*]} " == *" $package "* ]] && continue
        printf '%s\n' "$package"
    done
}

install_programs() {
    make_dir 0755 root root "$LIB_DIR"
    make_dir 0755 root root "$BIN_DIR"
    make_dir 0755 root root "$RUNTIME_DIR"
    local program
    for program in $(role_programs); do
        if [ -x "$BUILD_DIR/$program" ]; then
            put_file 0755 root root "$BUILD_DIR/$program" "$BIN_DIR/$program"
        else
            say "warning: $program is not built; its units are installed but not enabled"
        fi
    done
    [ "$ROLE" = worker ] || put_file 0755 root root "$DEPLOY/peek-pool" "$BIN_DIR/peek-pool"
    make_dir 0755 root root "$OPS_DIR"
    put_file 0644 root root "$DEPLOY/lib/functions.sh" "$OPS_DIR/functions.sh"
    bundle_swift_runtime
    put_text 0755 root root "$PREFIX/bin/peek-admin" "$(admin_wrapper)
"
}

# peek-admin on PATH: the settings the units run with (/etc/peek/peek.env, readable by root and
# the peek group: the database URL, the transform key…) unless the caller set them, the units'
# directories, and the Swift runtime the programs were built with.
admin_wrapper() {
    cat <<WRAPPER
#!/bin/bash
# Installed by Peek's deploy/install.sh: peek-admin as the units run it.
if [ -r $ENV_FILE ]; then
    while IFS= read -r line || [ -n "\$line" ]; do
        [[ \$line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*[^[:space:]])?[[:space:]]*\$ ]] || continue
        name=\${BASH_REMATCH[1]} value=\${BASH_REMATCH[2]}
        if [[ \$value =~ ^\\"(.*)\\"\$ || \$value =~ ^\\'(.*)\\'\$ ]]; then value=\${BASH_REMATCH[1]}; fi
        [ -n "\${!name+set}" ] || export "\$name=\$value"
    done < $ENV_FILE
fi
export PEEK_DATA_DIR=\${PEEK_DATA_DIR:-$DATA_DIR} PEEK_RUN_DIR=\${PEEK_RUN_DIR:-$RUN_DIR}
LD_LIBRARY_PATH=$RUNTIME_DIR exec $BIN_DIR/peek-admin "\$@"
WRAPPER
}

# Swift's ABI is not stable on Linux: the programs carry the exact runtime libraries they were
# linked against, so upgrading or removing the toolchain cannot break them. They are found by ldd
# on the built programs: in the toolchain where it is installed, else beside the programs, where
# `install.sh pack` puts them for a machine without Swift (the programs' RUNPATH has $ORIGIN).
bundle_swift_runtime() {
    local library
    while read -r library; do
        put_file 0644 root root "$library" "$RUNTIME_DIR/$(basename "$library")"
    done < <(swift_runtime_libraries)
}

# Checked before any program runs: every library the built programs load can be found.
require_swift_runtime() {
    local missing
    missing=$(built_programs_libraries | awk '$2 == "=>" && $3 == "not" { print $1 }' | sort -u | paste -sd' ')
    [ -z "$missing" ] || die "the programs need $missing, found neither in a Swift toolchain nor beside them in $BUILD_DIR; build here, or install from a tree made by 'deploy/install.sh pack' on the build machine"
}

# What ldd says of every program this role installs, as built.
built_programs_libraries() {
    local program
    for program in $(role_programs); do
        [ -x "$BUILD_DIR/$program" ] && { ldd "$BUILD_DIR/$program" 2>/dev/null || true; }
    done
}

# The libraries the programs load from outside the system's library directories: the Swift runtime.
swift_runtime_libraries() {
    built_programs_libraries | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' \
        | grep -vE '^/(usr/)?lib(32|64)?/' | sort -u
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
    for file in fastcgi_params.peek upload-body-stream.conf json-body.conf; do
        put_file 0644 root root "$ROOT/nginx/$file" "$SHARE_DIR/nginx/$file"
    done
    [ -f "$ROOT/openapi.yaml" ] && put_file 0644 root root "$ROOT/openapi.yaml" "$SHARE_DIR/openapi.yaml"
    make_dir 0755 root root "$DOC_DIR"
    [ -f "$ROOT/README.md" ] && put_file 0644 root root "$ROOT/README.md" "$DOC_DIR/README.md"
    return 0
}

# The declarations, where peek-pool finds a pool's default size.
install_declarations() {
    make_dir 0755 root root "$FUNCTIONS_DIR"
    local name
    for name in $(functions_list "$DECLARATIONS"); do
        make_dir 0755 root root "$FUNCTIONS_DIR/$name"
        put_file 0644 root root "$DECLARATIONS/$name/function.conf" "$FUNCTIONS_DIR/$name/function.conf"
    done
}

install_units() {
    local unit dropin
    ensure_dir "$PREFIX/lib/systemd"
    make_dir 0755 root root "$UNIT_DIR"
    for unit in $(role_units); do
        put_file 0644 root root "$DEPLOY/systemd/$unit" "$UNIT_DIR/$unit"
        [[ $unit == *.service ]] || continue
        dropin=$UNIT_DIR/$unit.d/$NETWORK_DROPIN
        if services_need_network; then
            make_dir 0755 root root "$UNIT_DIR/$unit.d"
            put_file 0644 root root "$DEPLOY/systemd/peek-database-network.conf" "$dropin"
        else
            rm -f "$(staged "$dropin")"
            rmdir "$(staged "$UNIT_DIR/$unit.d")" 2>/dev/null || true
        fi
    done
}

# A setting as the units will see it: from /etc/peek/peek.env, or on a worker's first install
# from the environment (empty when unset). peek-admin config checks the settings but does not
# print the secret ones.
unit_setting() {
    local name=$1 file
    file=$(staged "$ENV_FILE")
    if [ -e "$file" ]; then
        environment_file_settings "$file" | sed -n "s/^$name=//p" | tail -1
    elif [ "$ROLE" = worker ]; then
        printf '%s\n' "${!name:-}"
    fi
}

database_url() { unit_setting PEEK_DATABASE_URL; }

# Whether the services reach another host, which the units forbid by default: PostgreSQL over
# TCP/IP, or blobs in an S3 bucket (the functions, the workers and the sweep all talk to it).
services_need_network() {
    database_needs_network || [ "$(unit_setting PEEK_BLOB_STORE)" = s3 ]
}

# Whether the database is reached over TCP/IP, which the units forbid by default: a URL naming
# a host (postgresql://user@db-host/peek) rather than a local socket (postgresql:///peek or
# ?host=/run/postgresql).
database_needs_network() {
    local url rest
    url=$(database_url)
    [ -n "$url" ] || return 1
    [[ $url == *host=/* || $url == *host=%2[Ff]* ]] && return 1
    rest=${url#*://}
    rest=${rest%%[/?]*}
    rest=${rest##*@}
    [ -n "$rest" ] && [[ $rest != %2[Ff]* ]]
}

# Settings are the admin's: installed once, then left alone (like a Debian conffile).
install_settings() {
    make_dir 0755 root root "$CONF_DIR"
    if [ -e "$(staged "$ENV_FILE")" ]; then
        say "keeping $ENV_FILE"
        own f 0640 root "$USER_NAME" "$ENV_FILE"
    else
        put_text 0640 root "$USER_NAME" "$ENV_FILE" "$(initial_settings)
"
    fi
}

# The settings file of a first install: deploy/peek.env, and on a worker machine the database.
initial_settings() {
    cat "$DEPLOY/peek.env"
    if [ "$ROLE" = worker ]; then
        printf '\n# The web machine'"'"'s database, shared by every machine (written by install.sh --role worker).\n'
        printf 'PEEK_DATABASE_URL=%s\n' "$PEEK_DATABASE_URL"
    fi
}

# The settings of a systemd EnvironmentFile (NAME=value lines, the value perhaps quoted; other
# lines are comments or blank) as NAME=value words.
environment_file_settings() {
    local line name value
    while IFS= read -r line || [ -n "$line" ]; do
        [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*[^[:space:]])?[[:space:]]*$ ]] || continue
        name=${BASH_REMATCH[1]}
        value=${BASH_REMATCH[2]}
        if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
        printf '%s=%s\n' "$name" "$value"
    done < "$1"
}

# The settings the units will run with, checked before anything changes: /etc/peek/peek.env (on a
# first install, the one about to be installed) and the directories the units fix, nothing of the
# installer's own environment. Prints what `peek-admin config` printed (the site's limits).
vps_settings() {
    local file settings=() database=${PEEK_DATABASE_URL:-}
    file=$(staged "$ENV_FILE")
    if [ -e "$file" ]; then
        mapfile -t settings < <(environment_file_settings "$file")
    else
        mapfile -t settings < <(environment_file_settings "$DEPLOY/peek.env")
        [ "$ROLE" = worker ] && [ -n "$database" ] && settings+=("PEEK_DATABASE_URL=$database")
    fi
    (
        unset "${!PEEK_@}"
        export PEEK_DATA_DIR="$DATA_DIR" PEEK_RUN_DIR="$RUN_DIR" "${settings[@]}"
        checked_settings "$BUILD_DIR/peek-admin" "$ENV_FILE"
    )
}

# A worker machine shares the web machine's database, which must be PostgreSQL: SQLite is a file
# on one machine, and two machines writing one over a network file system would corrupt it.
check_worker_settings() {
    [ -n "$(database_url)" ] && return 0
    if [ -e "$(staged "$ENV_FILE")" ]; then
        die "--role worker needs PEEK_DATABASE_URL=postgresql://… in $ENV_FILE: a worker on another machine shares the web machine's database, and SQLite cannot be shared across machines"
    fi
    die "--role worker needs PEEK_DATABASE_URL=postgresql://… (the web machine's PostgreSQL database): SQLite cannot be shared across machines"
}

# The site for the system nginx. The upload body reaches its function over the socket rather than
# as a file path (upload-body-stream.conf): nginx writes its body files with mode 0600 as its own
# user, which the functions' user cannot read.
render_vps_site() {
    local output=$1 settings=$2 site
    site=$(mktemp)
    render_site "$site" "$settings" \
        LISTEN="${PEEK_LISTEN:-80}" SERVER_NAME="${PEEK_SERVER_NAME:-_}" SOCKET_DIR="$RUN_DIR" \
        STATIC_DIR="$SHARE_DIR/static" NGINX_DIR="$SHARE_DIR/nginx" OPENAPI_FILE="$SHARE_DIR/openapi.yaml" \
        BLOB_DIR="$DATA_DIR/blobs" BODY_TEMP_DIR=/var/lib/nginx/body BODY_HANDOFF=stream \
        ACCESS_LOG=/var/log/nginx/access.log
    {
        echo "# Installed by Peek's deploy/install.sh from nginx/peek-site.conf.template. Set server_name"
        echo "# and TLS here (certbot --nginx edits this file); upgrades keep an edited file and write the"
        echo "# new version beside it as peek.new."
        cat "$site"
    } > "$output"
    rm -f "$site"
    if grep -qE 'REQUEST_BODY_FILE|client_body_in_file_only|\$request_body_file' "$output"; then
        die "the nginx site still hands upload bodies over as files; update render_vps_site in deploy/install.sh"
    fi
}

# The site's settings of the last install, for those this run's environment does not set (an
# upgrade by the README's command keeps the server name); then this run's, recorded for the next.
remembered_site_settings() {
    local file name value
    file=$(staged "$SITE_SETTINGS")
    if [ -r "$file" ]; then
        while IFS='=' read -r name value; do
            [[ " ${SITE_VARIABLES[*]} " == *" $name "* ]] || continue
            [ -n "${!name+set}" ] || export "$name=$value"
        done < "$file"
    fi
}

record_site_settings() {
    local name text=""
    for name in "${SITE_VARIABLES[@]}"; do
        [ -n "${!name:-}" ] && text+="$name=${!name}"$'\n'
    done
    put_text 0644 root root "$SITE_SETTINGS" "$text"
}

# Replaced on upgrade only while the admin has not edited it (checked against the checksum of
# what was installed last); otherwise the new version is written beside it as peek.new.
install_site() {
    local settings=$1 rendered current recorded
    ensure_dir /etc/nginx/sites-available
    ensure_dir /etc/nginx/sites-enabled
    rendered=$(mktemp)
    render_vps_site "$rendered" "$settings"
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
    [ -n "$web_user" ] || return 0
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
    case "${1:-}" in
        "") ;;
        --role) [[ ${2:-} =~ ^(all|worker)$ ]] || die "--role is all or worker"; ROLE=$2 ;;
        *) die "install takes only --role all|worker" ;;
    esac
    [ -n "$DESTDIR" ] || [ "$(id -u)" -eq 0 ] || die "run as root (sudo), or with DESTDIR=/some/root"
    [ -d /run/systemd/system ] || [ -n "$DESTDIR" ] || die "systemd is not running this machine"
    [ "$ROLE" = worker ] && [ -e "$(staged "$SITE_FILE")" ] && [ -e "$(staged "$MANIFEST")" ] \
        && die "this machine runs the whole of Peek; uninstall it before installing --role worker"
    build_release
    remembered_site_settings
    # The Debian packages first: the programs load their libraries (libpq, libsodium…), and
    # peek-admin checks the settings before anything else changes.
    if [ -z "$DESTDIR" ]; then
        # shellcheck disable=SC2046
        install_packages $(role_packages)
    fi
    require_swift_runtime
    local settings web_user upgrade=0 name
    settings=$(vps_settings)
    [ "$ROLE" = worker ] && check_worker_settings
    if [ -n "$DESTDIR" ]; then
        mkdir -p "$(staged "$LIB_DIR")"
        : > "$(staged "$ACTIONS")"
    fi
    if [ "$ROLE" = worker ]; then
        create_user ""
    else
        web_user=$(system_nginx_user)
        create_user "$web_user"
    fi

    # An upgrade stops the workers first: on SIGTERM each finishes or releases its job, so
    # nothing is lost and the new version resumes the queue.
    if [ -e "$(staged "$MANIFEST")" ]; then
        upgrade=1
        system systemctl stop 'peek-worker@*.service' peek-worker-once.timer peek-worker-once.service "${MODEL_UNITS[@]}"
    fi

    install_programs
    install_units
    install_settings
    install_data_dirs
    if [ "$ROLE" = all ]; then
        install_declarations
        install_static
        install_site "$settings"
        record_site_settings
    fi
    write_manifest

    system systemctl daemon-reload
    local units=(peek.target peek-migrate.service)
    if [ "$ROLE" = all ]; then
        for name in $(functions_list "$DECLARATIONS"); do units+=("peek-fn@${name#fn-}.service"); done
    fi
    if [ -x "$(staged "$BIN_DIR/peek-worker")" ]; then
        for index in $(enabled_workers); do units+=("peek-worker@$index.service"); done
        units+=("${MODEL_UNITS[@]}")
    fi
    system systemctl enable "${units[@]}"
    if [ $upgrade = 1 ]; then
        # Migrate once; Requires= restarts the pools after it, on the new programs and schema.
        system systemctl restart peek-migrate.service
    fi
    system systemctl start peek.target
    if [ "$ROLE" = all ]; then
        system nginx -t -q
        system systemctl reload-or-restart nginx.service
        [ -n "$DESTDIR" ] || wait_for_site
    fi
    if [ -n "$DESTDIR" ]; then
        say "laid out in $DESTDIR; actions recorded in $(staged "$ACTIONS")"
    else
        say "Peek is installed: systemctl status peek.target; journalctl -u 'peek-*'"
        [ "$ROLE" = worker ] && [ "$(unit_setting PEEK_BLOB_STORE)" != s3 ] \
            && say "note: this worker reads and writes blobs in $DATA_DIR: mount the web machine's $DATA_DIR there (NFS, the same uid for peek), as the README says"
        [ "$ROLE" = all ] && [ "${PEEK_SERVER_NAME:-_}" = _ ] && [ -e /etc/nginx/sites-enabled/default ] \
            && say "note: nginx's default site answers requests for unknown names first; set PEEK_SERVER_NAME or remove /etc/nginx/sites-enabled/default"
    fi
    return 0
}

# A reload returns once nginx has the signal; its old workers answer (without the site) a moment
# longer. Waits until the site's /api/health answers, so that "installed" means serving.
wait_for_site() {
    local listen=${PEEK_LISTEN:-80} address host=${PEEK_SERVER_NAME:-_}
    listen=${listen%% *}
    if [[ $listen =~ ^[0-9]+$ ]]; then address=127.0.0.1:$listen; else address=$listen; fi
    [ "$host" = _ ] && host=localhost
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null -H "Host: $host" "http://$address/api/health" 2>/dev/null && return 0
        sleep 0.1
    done
    say "warning: http://$address/api/health (Host: $host) does not answer 200 yet; see journalctl -u 'peek-*' and /var/log/nginx/error.log"
}

uninstall() {
    local purge=0
    [ "${1:-}" = --purge ] && purge=1
    [ -n "$DESTDIR" ] || [ "$(id -u)" -eq 0 ] || die "run as root (sudo), or with DESTDIR=/some/root"
    [ -e "$(staged "$MANIFEST")" ] || die "Peek is not installed here (no $MANIFEST)"
    # A worker machine (install --role worker) has no site and no nginx to reload.
    local web=0
    grep -q "	$SITE_FILE\$" "$(staged "$MANIFEST")" && web=1
    system systemctl disable --now peek.target peek-migrate.service 'peek-fn@*.service' \
        'peek-worker@*.service' peek-worker-once.timer peek-worker-once.service "${MODEL_UNITS[@]}"
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
    rm -f "$(staged "$SITE_FILE.new")" "$(staged "$SITE_SUM")" "$(staged "$SITE_SETTINGS")" "$(staged "$MANIFEST")"
    rmdir "$(staged "$RUNTIME_DIR")" "$(staged "$BIN_DIR")" 2>/dev/null || true
    system systemctl daemon-reload
    if [ $web = 1 ]; then
        system nginx -t -q
        system systemctl reload-or-restart nginx.service
    fi
    if [ $purge = 1 ]; then
        system rm -rf "$RUN_DIR"
        [ $web = 1 ] && system gpasswd --delete "$(system_nginx_user)" "$USER_NAME"
        system userdel "$USER_NAME"
        say "Peek, its data and its settings are removed"
    else
        say "Peek is removed; data kept in $DATA_DIR and settings in $ENV_FILE (uninstall --purge removes them)"
    fi
    rm -f "$(staged "$ACTIONS")"
    rmdir "$(staged "$LIB_DIR")" 2>/dev/null || true
}

# The files of this checkout that `install` reads, the release build's programs and the Swift
# runtime they load (beside them, where their RUNPATH's $ORIGIN finds it), as one archive whose
# top folder is peek/: on the VPS, `tar xf FILE && sudo PEEK_SKIP_BUILD=1 peek/deploy/install.sh install`.
pack() {
    local archive=${1:?usage: deploy/install.sh pack FILE.tar.gz} stage program missing
    missing=$(missing_programs) || exit 1
    [ -z "$missing" ] || die "build first (swift build -c release): $BUILD_DIR lacks $missing"
    stage=$(mktemp -d)
    mkdir -p "$stage/peek/.build/release" "$stage/peek/Sources"
    (cd "$ROOT" && cp -a deploy static nginx openapi.yaml README.md "$stage/peek/")
    for program in $(functions_list "$DECLARATIONS"); do
        mkdir -p "$stage/peek/Sources/$program"
        cp "$DECLARATIONS/$program/function.conf" "$stage/peek/Sources/$program/"
    done
    for program in $(required_programs) "${OPTIONAL_PROGRAMS[@]}"; do
        [ -x "$BUILD_DIR/$program" ] && cp "$BUILD_DIR/$program" "$stage/peek/.build/release/"
    done
    swift_runtime_libraries | xargs -r cp -t "$stage/peek/.build/release/"
    tar -C "$stage" -caf "$archive" peek
    rm -rf "$stage"
    say "packed $(du -h "$archive" | cut -f1) into $archive"
}

case "${1:-}" in
    install) shift; install "$@" ;;
    uninstall) shift; uninstall "$@" ;;
    pack) shift; pack "$@" ;;
    *) say "usage: deploy/install.sh install [--role all|worker] | uninstall [--purge] | pack FILE.tar.gz"; exit 2 ;;
esac
