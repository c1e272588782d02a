#!/usr/bin/env bash
# The images of the distribution benchmark, on the build engine ($SLIPWAY_DOCKER_HOST): incompressible
# layers (from /dev/urandom) on FROM scratch + busybox, sharing one base layer, as a monorepo's images do.
#   slipway-bench/a:1   busybox + base (BASE MB) + a top layer (A MB)
#   slipway-bench/b:1   busybox + base (BASE MB) + b top layer (B MB)
#   slipway-bench/a:2   the same lower layers as a:1 + a new top layer (A2 MB): a release that changed only the top
# Sizes in MB from SLIPWAY_BENCH_MB_BASE (100), _A (60), _B (50), _A2 (20).
#   scripts/bench-distribution-images.sh build   build them unless they exist; print "ref id size layers" per image
#   scripts/bench-distribution-images.sh rm      remove them from the build engine
set -euo pipefail
: "${SLIPWAY_DOCKER_HOST:?set SLIPWAY_DOCKER_HOST to the build engine (eval \"\$(scripts/engines.sh env)\")}"
BASE=${SLIPWAY_BENCH_MB_BASE:-100}
A=${SLIPWAY_BENCH_MB_A:-60}
B=${SLIPWAY_BENCH_MB_B:-50}
A2=${SLIPWAY_BENCH_MB_A2:-20}
IMAGES="slipway-bench/base:1 slipway-bench/a:1 slipway-bench/b:1 slipway-bench/a:2"
docker_() { docker -H "$SLIPWAY_DOCKER_HOST" "$@"; }

build() {
  local tag=$1 from=$2 file=$3 mb=$4 context
  if docker_ image inspect "$tag" >/dev/null 2>&1; then
    return 0
  fi
  context=$(mktemp -d /tmp/slipway-bench-image.XXXXXX)
  head -c "$((mb * 1024 * 1024))" /dev/urandom >"$context/$file"
  if [ "$from" = scratch ]; then
    cp /bin/busybox "$context/busybox"
    printf 'FROM scratch\nCOPY busybox /bin/busybox\nCOPY %s /data/%s\n' "$file" "$file" >"$context/Dockerfile"
  else
    printf 'FROM %s\nCOPY %s /data/%s\n' "$from" "$file" "$file" >"$context/Dockerfile"
  fi
  # the engine's legacy builder warns that it is deprecated on every build: shown only when the build fails
  if ! docker_ build -q -t "$tag" "$context" >/dev/null 2>"$context.log"; then
    cat "$context.log" >&2
    rm -rf "$context" "$context.log"
    exit 1
  fi
  rm -f "$context.log"
  rm -rf "$context"
}

case "${1:-}" in
  build)
    build slipway-bench/base:1 scratch base.bin "$BASE"
    build slipway-bench/a:1 slipway-bench/base:1 a.bin "$A"
    build slipway-bench/b:1 slipway-bench/base:1 b.bin "$B"
    build slipway-bench/a:2 slipway-bench/base:1 a2.bin "$A2"
    for tag in slipway-bench/base:1 slipway-bench/a:1 slipway-bench/b:1 slipway-bench/a:2; do
      echo "$tag $(docker_ image inspect -f '{{.Id}} {{.Size}} {{len .RootFS.Layers}}' "$tag")"
    done
    ;;
  rm)
    for tag in $IMAGES; do docker_ image rm "$tag" >/dev/null 2>&1 || true; done
    ;;
  *)
    echo "usage: $0 build | rm" >&2
    exit 2
    ;;
esac
