# Reads Peek's function declarations: a function is a folder fn-NAME holding function.conf
# (Sources/fn-NAME in the checkout, /usr/local/share/peek/functions/fn-NAME once installed).
# Sourced by bash scripts; needs only coreutils. Every reader checks the file it reads and
# returns non-zero after printing the file, line and key at fault.
#
#   functions_list DIR            the declared functions (fn-NAME), one a line, sorted
#   functions_check DIR           every declaration, and no route declared twice
#   function_value DIR NAME KEY   one key of fn-NAME (lists single-spaced)
#   function_pool_size DIR NAME   PEEK_POOL_<NAME> when set (a positive integer), else the declared pool

FUNCTION_KEYS=(routes methods pool body timeout)
# Swift libraries the handler uses beyond the HTTP layer and the store (read by Package.swift).
FUNCTION_OPTIONAL_KEYS=(libraries)
FUNCTION_METHODS=(GET HEAD POST PUT PATCH DELETE OPTIONS)

function_error() {
    printf '%s: %s\n' "${0##*/}" "$*" >&2
    return 1
}

functions_list() {
    local dir=$1 file name
    for file in "$dir"/fn-*/function.conf; do
        [ -f "$file" ] || continue
        name=$(basename "$(dirname "$file")")
        # The name becomes an upstream, a unit instance and PEEK_POOL_<NAME>: keep it plain.
        [[ $name =~ ^fn-[a-z][a-z0-9-]*$ ]] \
            || { function_error "$file: the folder name $name is not fn- followed by lower-case letters, digits and -"; return 1; }
        printf '%s\n' "$name"
    done
}

# The environment variable that overrides a function's pool size: fn-face-crop → PEEK_POOL_FACE_CROP.
function_pool_variable() {
    local short=${1#fn-}
    short=${short//-/_}
    printf 'PEEK_POOL_%s\n' "${short^^}"
}

# Prints the declaration as key=value lines (every key once, values checked), or fails naming
# the file, the line and the key.
function_read() {
    local file=$1 line number=0 key value
    local -A seen=()
    [ -r "$file" ] || { function_error "$file: no such declaration"; return 1; }
    while IFS= read -r line || [ -n "$line" ]; do
        number=$((number + 1))
        line=${line%%#*}
        [[ $line =~ ^[[:space:]]*$ ]] && continue
        [[ $line =~ ^[[:space:]]*([A-Za-z_]+)[[:space:]]*=[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]] \
            || { function_error "$file:$number: not a 'key = value' line"; return 1; }
        key=${BASH_REMATCH[1]}
        value=$(printf '%s' "${BASH_REMATCH[2]}" | tr -s '[:space:]' ' ')
        [[ " ${FUNCTION_KEYS[*]} ${FUNCTION_OPTIONAL_KEYS[*]} " == *" $key "* ]] \
            || { function_error "$file:$number: unknown key '$key' (keys: ${FUNCTION_KEYS[*]} ${FUNCTION_OPTIONAL_KEYS[*]})"; return 1; }
        [ -z "${seen[$key]:-}" ] || { function_error "$file:$number: '$key' is set twice"; return 1; }
        function_check_value "$file:$number" "$key" "$value" || return 1
        seen[$key]=1
        printf '%s=%s\n' "$key" "$value"
    done < "$file"
    for key in "${FUNCTION_KEYS[@]}"; do
        [ -n "${seen[$key]:-}" ] || { function_error "$file: '$key' is missing (keys: ${FUNCTION_KEYS[*]})"; return 1; }
    done
}

function_check_value() {
    local where=$1 key=$2 value=$3 item
    case $key in
        routes)
            for item in $value; do
                # A path nginx can name unquoted and a regular expression can hold with only dots
                # escaped; a * segment stands for any one segment (an id).
                [[ $item =~ ^(/([A-Za-z0-9._~-]+|\*))+/?$ ]] \
                    || { function_error "$where: routes: '$item' is not a path like /api/name, /api/name/ or /api/name/*/sub/"; return 1; }
            done ;;
        methods)
            for item in $value; do
                [[ " ${FUNCTION_METHODS[*]} " == *" $item "* ]] \
                    || { function_error "$where: methods: '$item' is not one of ${FUNCTION_METHODS[*]}"; return 1; }
            done ;;
        libraries)
            for item in $value; do
                [[ $item =~ ^[A-Z][A-Za-z0-9]*$ ]] \
                    || { function_error "$where: libraries: '$item' is not the name of a Swift target"; return 1; }
            done ;;
        pool|timeout)
            [[ $value =~ ^[1-9][0-9]*$ ]] \
                || { function_error "$where: $key: '$value' is not a positive integer"; return 1; } ;;
        body)
            [[ $value == none || $value == json || $value == upload ]] \
                || { function_error "$where: body: '$value' is not none, json or upload"; return 1; } ;;
    esac
}

function_value() {
    local dir=$1 name=$2 key=$3 declaration
    declaration=$(function_read "$dir/$name/function.conf") || return 1
    printf '%s\n' "$declaration" | sed -n "s/^$key=//p"
}

functions_check() {
    local dir=$1 names name routes route
    local -A owner=()
    names=$(functions_list "$dir") || return 1
    [ -n "$names" ] || { function_error "$dir: no function declared (no fn-*/function.conf)"; return 1; }
    for name in $names; do
        routes=$(function_value "$dir" "$name" routes) || return 1
        for route in $routes; do
            # nginx would refuse two locations for one path (a prefix /x/ also takes /x, to answer
            # it 404, unless its function declares /x too); say which declarations clash.
            [ -z "${owner[${route%/}]:-}" ] || [ "${owner[${route%/}]}" = "$name" ] \
                || { function_error "$dir/$name/function.conf: route $route clashes with one of ${owner[${route%/}]}"; return 1; }
            owner[${route%/}]=$name
        done
    done
}

function_pool_size() {
    local dir=$1 name=$2 variable
    variable=$(function_pool_variable "$name")
    if [ -n "${!variable:-}" ]; then
        [[ ${!variable} =~ ^[1-9][0-9]*$ ]] \
            || { function_error "$variable=${!variable} is not a positive integer"; return 1; }
        printf '%s\n' "${!variable}"
    else
        function_value "$dir" "$name" pool
    fi
}
