#!/usr/bin/env bash
# Copies Debian's static busybox into each example monorepo's vendor/ folder: the example images are
# built FROM scratch around it, since no base image can be pulled here.
set -euo pipefail
cd "$(dirname "$0")/.."
busybox=${SLIPWAY_BUSYBOX:-/bin/busybox}
if ldd "$busybox" >/dev/null 2>&1; then
  echo "vendor-busybox.sh: $busybox is dynamically linked; install busybox-static (apt-get install busybox-static)" >&2
  exit 1
fi
for repo in examples/*/; do
  [ -f "$repo/slipway.yaml" ] || continue
  mkdir -p "$repo/vendor"
  cmp -s "$busybox" "$repo/vendor/busybox" 2>/dev/null || cp "$busybox" "$repo/vendor/busybox"
done
