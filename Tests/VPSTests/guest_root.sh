#!/usr/bin/env bash
# Makes (once) the Debian 12 root the VPS tests boot with systemd-nspawn, and prints its path.
#
#   Tests/VPSTests/guest_root.sh
#
# The root is a fresh VPS as an admin gets it, with no Swift toolchain. The guest has no network,
# so its Debian mirror is a local one (a file: repository in /var/local/peek-debs) holding the
# packages the installer must install itself (OFFLINE_PACKAGES, among them a library every program
# loads); the rest of RUNTIME_PACKAGES are installed already, to keep each run short, with
# PostgreSQL (the worker role's database). It is cached under PEEK_VPS_CACHE (/var/cache/peek-vps)
# by a digest of its recipe (guest_setup, which names the packages), so it is rebuilt when that
# changes, RUNTIME_PACKAGES included; old roots are removed. Debian's packages come from this
# machine's apt sources (debootstrap uses the first).
set -euo pipefail

# shellcheck source=../../deploy/lib/ops.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/lib/ops.sh"
CACHE=${PEEK_VPS_CACHE:-/var/cache/peek-vps}
SUITE=bookworm
# What a minimal VPS image has: systemd as init, D-Bus, sudo, a mirror's keyring.
BASE_PACKAGES=systemd,systemd-sysv,dbus,sudo,ca-certificates,procps,iproute2,less
# Left to the installer: the pools' tools and libfcgi, which every program links.
OFFLINE_PACKAGES=(spawn-fcgi multiwatch libfcgi-dev)
GUEST_PACKAGES=(postgresql dpkg-dev)
for package in "${RUNTIME_PACKAGES[@]}"; do
    [[ " ${OFFLINE_PACKAGES[*]} " == *" $package "* ]] || GUEST_PACKAGES+=("$package")
done

mirror() {
    local uri
    uri=$(awk '$1 == "URIs:" { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 == "'$SUITE'" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
    echo "${uri:-http://deb.debian.org/debian}"
}

# What runs inside the new root once debootstrap made it: the packages, and no first-boot
# questions or login prompts on the console.
guest_setup() {
    cat <<SETUP
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends ${GUEST_PACKAGES[*]} >/dev/null
apt-get clean
# The local mirror: the packages (and dependencies) the installer will install, nothing else.
apt-get install -y -qq --no-install-recommends --download-only ${OFFLINE_PACKAGES[*]} >/dev/null
mkdir -p /var/local/peek-debs
mv /var/cache/apt/archives/*.deb /var/local/peek-debs/
(cd /var/local/peek-debs && dpkg-scanpackages --multiversion . /dev/null 2>/dev/null > Packages)
rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*
echo 'deb [trusted=yes] file:/var/local/peek-debs ./' > /etc/apt/sources.list.d/peek-offline.list
rm -rf /var/lib/apt/lists/*
systemctl mask console-getty.service getty@.service systemd-firstboot.service >/dev/null 2>&1
# PostgreSQL is there for the worker role's checks, which start it.
systemctl disable postgresql.service >/dev/null 2>&1
echo peek-vps > /etc/hostname
SETUP
}

# The recipe: what decides the root's content (editing the rest of this script keeps the cache).
recipe_digest() {
    { echo "$SUITE $BASE_PACKAGES"; guest_setup; } | sha256sum | cut -c1-16
}

main() {
    local root stage
    root=$CACHE/root-$(recipe_digest)
    if [ -e "$root/.peek-ready" ]; then echo "$root"; return 0; fi
    command -v debootstrap >/dev/null && command -v systemd-nspawn >/dev/null \
        || die "needs debootstrap and systemd-nspawn (./spawn.sh test-vps installs them)"
    mkdir -p "$CACHE"
    # A stage whose debootstrap finished is reused (its digest is the same recipe's).
    stage=$root.partial
    say "making the guest's Debian 12 root in $root (once; a few minutes)…"
    if [ ! -e "$stage/.debootstrap-done" ]; then
        rm -rf "$stage"
        debootstrap --variant=minbase --include="$BASE_PACKAGES" "$SUITE" "$stage" "$(mirror)" >"$CACHE/debootstrap.log" 2>&1 \
            || die "debootstrap failed; see $CACHE/debootstrap.log"
        touch "$stage/.debootstrap-done"
    fi
    # The same Debian mirror as this machine's, once.
    cp /etc/apt/sources.list.d/*.sources "$stage/etc/apt/sources.list.d/" 2>/dev/null && rm -f "$stage/etc/apt/sources.list"
    # --keep-unit and --register=no: this machine's PID 1 is not systemd (no bus, no machined).
    guest_setup | systemd-nspawn --quiet --register=no --keep-unit -D "$stage" --pipe /bin/sh -e \
        >>"$CACHE/debootstrap.log" 2>&1 || die "installing the guest's packages failed; see $CACHE/debootstrap.log"
    touch "$stage/.peek-ready"
    local old
    for old in "$CACHE"/root-*; do
        [ "$old" = "$stage" ] || [ "$old" = "$root" ] || rm -rf "$old"
    done
    mv "$stage" "$root"
    echo "$root"
}

main "$@"
