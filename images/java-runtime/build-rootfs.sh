#!/usr/bin/env bash
# Builds the root filesystem of a Java runtime image as a tarball: debootstrap --variant=minbase bookworm plus the
# packages of a list (java-runtime.packages), a user slipway (uid/gid 10001), no apt caches, documentation or man
# pages. Usage: build-rootfs.sh PACKAGES-FILE OUT.tar (as root; needs debootstrap and a Debian mirror,
# SLIPWAY_DEBIAN_MIRROR; downloaded .debs are kept in SLIPWAY_DEBOOTSTRAP_CACHE when set).
set -euo pipefail
list=${1:?usage: build-rootfs.sh PACKAGES-FILE OUT.tar}
out=${2:?usage: build-rootfs.sh PACKAGES-FILE OUT.tar}
mirror=${SLIPWAY_DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=bookworm
packages=$(grep -v '^\s*#' "$list" | xargs | tr ' ' ',')
[[ $packages =~ ^[a-z0-9][a-z0-9.+,-]*$ ]] || { echo "$list holds a name that is not a Debian package name: $packages" >&2; exit 2; }
cache=()
if [ -n "${SLIPWAY_DEBOOTSTRAP_CACHE:-}" ]; then
  mkdir -p "$SLIPWAY_DEBOOTSTRAP_CACHE"
  cache=(--cache-dir="$SLIPWAY_DEBOOTSTRAP_CACHE")
fi
root=$(mktemp -d /tmp/slipway-java-runtime-root.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "debootstrap --variant=minbase --include=$packages $suite from $mirror (a few minutes) ..." >&2
debootstrap "${cache[@]}" --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >"$root.log" 2>&1 || {
  tail -20 "$root.log" >&2; echo "debootstrap failed; the log is $root.log" >&2; exit 1; }
rm -f "$root.log"
# The user every Slipway image runs as.
echo 'slipway:x:10001:10001:Slipway:/home/slipway:/usr/sbin/nologin' >>"$root/etc/passwd"
echo 'slipway:x:10001:' >>"$root/etc/group"
echo 'slipway:!:19000::::::' >>"$root/etc/shadow"
echo 'slipway:!::' >>"$root/etc/gshadow"
install -d -o 10001 -g 10001 -m 0755 "$root/home/slipway"
# No caches, documentation, manuals or translations in the image.
rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old "$root"/var/log/* \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
  "$root"/usr/share/lintian "$root"/tmp/* "$root"/var/tmp/*
# The JDK's class data archive for heaps over 32 GB: never used on a small node.
rm -f "$root"/usr/lib/jvm/java-17-openjdk-amd64/lib/server/classes_nocoops.jsa
printf 'nameserver 127.0.0.1\n' >"$root/etc/resolv.conf"
: >"$root/etc/hostname"
# Reproducible contents order; numeric owners so uid 10001 survives whatever the build host's users are.
tar --numeric-owner --sort=name -C "$root" -cf "$out.partial" .
mv "$out.partial" "$out"
