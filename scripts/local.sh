#!/usr/bin/env bash
# The main job on the embedded defaults: builds Slipway, starts a private Docker engine (installing
# docker.io and busybox-static if missing), the in-process Kafka broker and the four services, releases
# the bundled example (examples/shop), shows it progress and prints the verdict. Stops it all afterwards.
# Extra arguments go to `slipway local` (e.g. a plan path, --version 2.1.0).
# With SLIPWAY_DOCKER_HOST set, that engine is used instead (e.g. a laptop's Docker:
# SLIPWAY_DOCKER_HOST=unix:///var/run/docker.sock scripts/local.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SLIPWAY_DOCKER_HOST:-}" ]; then
  if ! scripts/engines.sh running 1; then
    trap 'scripts/engines.sh stop' EXIT
    scripts/engines.sh start 1
  fi
  eval "$(scripts/engines.sh env)"
fi
scripts/vendor-busybox.sh
echo "building Slipway (./mvnw package) ..."
./mvnw -q -B -ntp -DskipTests package
java -jar cli/target/slipway.jar local --engine "$SLIPWAY_DOCKER_HOST" "$@"
