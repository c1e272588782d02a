#!/usr/bin/env bash
# The test command: starts two private Docker engines (installing docker.io and busybox-static if
# missing), runs every test of every module against them and the in-process Kafka broker, and stops
# the engines afterwards, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SLIPWAY_DOCKER_HOST:-}" ]; then
  trap 'scripts/engines.sh stop' EXIT
  scripts/engines.sh start 2
  eval "$(scripts/engines.sh env)"
fi
scripts/vendor-busybox.sh
./mvnw -B -ntp verify "$@"
