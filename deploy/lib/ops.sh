# Peek's operations library, sourced by ./spawn.sh (development) and deploy/install.sh (VPS) so
# that both install the same packages, build alike, find nginx's user the same way and render
# the nginx site from the same function declarations. Pools are started by deploy/peek-pool in
# both places.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=$ROOT/.build/release
# The function declarations: Sources/fn-NAME/function.conf.
DECLARATIONS=$ROOT/Sources
# shellcheck source=functions.sh
source "$ROOT/deploy/lib/functions.sh"

# libpq-dev: PostgreSQL's client, which every program links (used when PEEK_DATABASE_URL is set).
# bubblewrap, python3-venv: the sandbox of model builds and runs, and the environment made per
# model version (SPEC §11); prlimit and setpriv, which the sandbox also uses, are util-linux's.
RUNTIME_PACKAGES=(nginx spawn-fcgi multiwatch curl libfcgi-dev libsqlite3-dev libopencv-dev opencv-data
    libtesseract-dev tesseract-ocr-eng libjpeg-dev libgif-dev libvips-dev libcurl4-openssl-dev libsodium-dev zlib1g-dev
    libpq-dev bubblewrap python3-venv)

say() { printf '%s\n' "$*" >&2; }
die() { say "${0##*/}: $*"; exit 1; }

install_packages() {
    local missing=() package
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

# The programs a working installation needs: every declared function and peek-admin. (The worker
# is optional: without it uploads wait in the queue.)
required_programs() {
    functions_list "$DECLARATIONS" || return 1
    echo peek-admin
}

missing_programs() {
    local programs program
    programs=$(required_programs) || return 1
    for program in $programs; do
        [ -x "$BUILD_DIR/$program" ] || printf '%s ' "$program"
    done
}

build_release() {
    local missing
    if [ "${PEEK_SKIP_BUILD:-0}" = 1 ]; then
        missing=$(missing_programs) || exit 1
        [ -z "$missing" ] || die "PEEK_SKIP_BUILD=1 but $BUILD_DIR lacks $missing; run: swift build -c release"
        return 0
    fi
    command -v swift >/dev/null || die "swift is not on PATH (under sudo keep yours: sudo env PATH=\"\$PATH\" $0 …)"
    say "building (release)…"
    (cd "$ROOT" && swift build -c release 2>&1 | grep -E "error|warning: unre|Compiling|Build complete" | tail -5 >&2)
    missing=$(missing_programs) || exit 1
    [ -z "$missing" ] || die "the release build failed (no $missing); run: swift build -c release"
}

# Checks, before anything starts, the declarations and the settings in this environment: each
# function's pool size and, through `peek-admin config`, every PEEK_* the programs read. Prints
# what peek-admin config printed (nginx's limits come from it); a mistake stops the script with
# the file or the setting at fault.
checked_settings() {
    local admin=$1 source=$2 name
    functions_check "$DECLARATIONS" || exit 1
    for name in $(functions_list "$DECLARATIONS"); do
        function_pool_size "$DECLARATIONS" "$name" >/dev/null || die "nothing was started: fix the setting above ($source)"
    done
    "$admin" config || die "nothing was started: fix the setting above ($source)"
}

# The user the system nginx's workers run as: PEEK_NGINX_USER, else the `user` of
# /etc/nginx/nginx.conf, else Debian's www-data.
system_nginx_user() {
    if [ -n "${PEEK_NGINX_USER:-}" ]; then echo "$PEEK_NGINX_USER"; return; fi
    local user
    user=$(awk '$1 == "user" { sub(";", "", $2); print $2; exit }' /etc/nginx/nginx.conf 2>/dev/null || true)
    echo "${user:-www-data}"
}

# The value of NAME in `peek-admin config`'s output (NAME='value' lines, a ' written as '\'').
setting_value() {
    local name=$1 settings=$2 line
    line=$(grep -m1 "^$name=" <<< "$settings") || die "peek-admin config printed no $name"
    line=${line#"$name='"}
    line=${line%"'"}
    printf '%s' "${line//"'\\''"/"'"}"
}

# {"error":MESSAGE} as an nginx single-quoted string. A $ would start an nginx variable, so JSON
# spells it \u0024.
nginx_json_error() {
    local text=$1
    text=${text//\\/\\\\}
    text=${text//\"/\\\"}
    text=${text//\$/\\u0024}
    text="{\"error\":\"$text\"}"
    text=${text//\\/\\\\}
    text=${text//\'/\\\'}
    printf "'%s'" "$text"
}

# Fills the @NAME@ placeholders of a template (a file, or - for standard input) with the
# NAME=value arguments, taken literally; a value may span lines.
render_template() {
    local template=$1 pair names=() values=()
    shift
    for pair in "$@"; do
        names+=("${pair%%=*}")
        values+=("PEEK_RENDER_${pair%%=*}=${pair#*=}")
    done
    env "${values[@]}" awk -v names="${names[*]}" '
        BEGIN { count = split(names, name, " ") }
        {
            for (i = 1; i <= count; i++) {
                key = "@" name[i] "@"; rest = $0; line = ""
                while ((at = index(rest, key)) > 0) {
                    line = line substr(rest, 1, at - 1) ENVIRON["PEEK_RENDER_" name[i]]
                    rest = substr(rest, at + length(key))
                }
                $0 = line rest
            }
            print
        }' "$template"
}

# Stops when a rendered file still holds a placeholder (outside comments).
check_rendered() {
    local file=$1 unfilled
    unfilled=$(grep -vE '^ *#' "$file" | grep -oE '@[A-Z_]+@' | sort -u | tr '\n' ' ' || true)
    [ -z "$unfilled" ] || die "unfilled placeholders in $file: $unfilled"
}

# What a 405 names in its Allow header: the declared methods, HEAD beside GET, each once.
allow_header() {
    local method
    for method in $1; do
        echo "$method"
        if [ "$method" = GET ]; then echo HEAD; fi
    done | awk '!seen[$0]++' | paste -sd, | sed 's/,/, /g'
}

upstream_name() { local short=${1#fn-}; printf 'peek_%s' "${short//-/_}"; }

# The map entries of $peek_allowed_methods, longest route first: a regular expression for the
# request URI (with its query) of each route, as specific as nginx's own location choice.
site_methods() {
    local names=$1 name route allow
    for name in $names; do
        allow=$(allow_header "$(function_value "$DECLARATIONS" "$name" methods)")
        for route in $(function_value "$DECLARATIONS" "$name" routes); do
            if [[ $route == */ ]]; then
                printf '%s\t~^%s\t"%s";\n' "${#route}" "$(route_pattern "$route")" "$allow"
            else
                printf '%s\t~^%s([?#]|$)\t"%s";\n' "${#route}" "$(route_pattern "$route")" "$allow"
            fi
        done
    done | sort -t$'\t' -k1,1nr -k2,2 | awk -F'\t' '{ printf "    %-28s %s\n", $2, $3 }'
}

site_upstreams() {
    local names=$1 name
    for name in $names; do
        printf 'upstream %s { server unix:@SOCKET_DIR@/%s.sock; }\n' "$(upstream_name "$name")" "$name"
    done
}

site_locations() {
    local names=$1 name route
    for name in $names; do
        for route in $(function_value "$DECLARATIONS" "$name" routes); do
            site_location "$name" "$route"
        done
    done
}

# A route as a regular expression: dots escaped, a * segment for any one segment.
route_pattern() {
    local pattern=${1//./\\.}
    printf '%s' "${pattern//\*/[^/]+}"
}

# One route's location. An upload is rate-limited per client and buffered whole by nginx before
# it reaches the pool (as a file in development, on the socket on a VPS); a JSON body is small. A route with a *
# segment is a regular expression, which nginx prefers to the plain prefixes it lies under.
site_location() {
    local name=$1 route=$2
    if [[ $route == *'*'* ]]; then
        printf '    location ~ ^%s {\n' "$(route_pattern "$route")"
    elif [[ $route == */ ]]; then
        printf '    location %s {\n' "$route"
    else
        printf '    location = %s {\n' "$route"
    fi
    case "$(function_value "$DECLARATIONS" "$name" body)" in
        upload)
            printf '        %-21s %s\n' limit_req 'zone=peek_uploads burst=@UPLOAD_BURST@ nodelay;' \
                include '@NGINX_DIR@/upload-body-@BODY_HANDOFF@.conf;' ;;
        json)
            printf '        %-21s %s\n' include '@NGINX_DIR@/json-body.conf;' ;;
    esac
    printf '        %-21s %s\n' include '@NGINX_DIR@/fastcgi_params.peek;' \
        fastcgi_read_timeout "$(function_value "$DECLARATIONS" "$name" timeout)s;" \
        fastcgi_pass "$(upstream_name "$name");"
    printf '    }\n'
    # Without it, nginx answers the prefix without its trailing slash with an HTML 301 (unless the
    # function declares that path too: /api/albums beside /api/albums/).
    if [[ $route == */ && $route != *'*'* && " $(function_value "$DECLARATIONS" "$name" routes) " != *" ${route%/} "* ]]; then
        printf '    location = %s { return 404; }\n' "${route%/}"
    fi
    printf '\n'
}

# The internal location nginx reads the S3 bucket's blobs through (PEEK_BLOB_STORE=s3), from
# SETTINGS (what `peek-admin config` printed); with local blobs, a comment.
site_s3_location() {
    local settings=$1
    if [ "$(setting_value PEEK_BLOB_STORE "$settings")" != s3 ]; then
        printf '    # Blobs are files (PEEK_BLOB_STORE=local): no S3 location.\n'
        return 0
    fi
    render_template "$ROOT/nginx/s3-location.conf.template" \
        S3_ENDPOINT="$(setting_value PEEK_S3_ENDPOINT "$settings")" S3_HOST="$(setting_value PEEK_S3_HOST "$settings")"
}

# Renders nginx/peek-site.conf.template to OUTPUT: the API functions' map entries, upstreams and
# locations from the declarations, the S3 location, the body limit and its 413 text from SETTINGS (what
# `peek-admin config` printed), the per-client limits from PEEK_UPLOAD_RATE, PEEK_UPLOAD_BURST,
# PEEK_CONN_LIMIT and PEEK_CLIENT_TIMEOUT, and the caller's NAME=value placeholders (paths,
# listen address, server name, body handoff). The declarations are checked already
# (checked_settings).
render_site() {
    local output=$1 settings=$2 names methods upstreams locations max_body too_large s3_location
    shift 2
    names=$(functions_list "$DECLARATIONS")
    methods=$(site_methods "$names")
    upstreams=$(site_upstreams "$names")
    locations=$(site_locations "$names")
    max_body=$(setting_value PEEK_MAX_REQUEST_BODY_BYTES "$settings")
    too_large=$(setting_value PEEK_UPLOAD_TOO_LARGE_MESSAGE "$settings")
    s3_location=$(site_s3_location "$settings")
    render_template "$ROOT/nginx/peek-site.conf.template" \
        FUNCTION_METHODS="$methods" FUNCTION_UPSTREAMS="$upstreams" FUNCTION_LOCATIONS="$locations" \
        S3_LOCATION="$s3_location" \
        | render_template - "$@" \
            MAX_REQUEST_BODY_BYTES="$max_body" UPLOAD_TOO_LARGE_JSON="$(nginx_json_error "$too_large")" \
            UPLOAD_RATE="${PEEK_UPLOAD_RATE:-20}" UPLOAD_BURST="${PEEK_UPLOAD_BURST:-60}" \
            CONN_LIMIT="${PEEK_CONN_LIMIT:-256}" CLIENT_TIMEOUT="${PEEK_CLIENT_TIMEOUT:-20}" \
        > "$output"
    check_rendered "$output"
}
