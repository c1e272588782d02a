#!/usr/bin/env bash
# The test command: starts two private Docker engines (installing docker.io and busybox-static if
# missing), runs every test of every module against them and the in-process Kafka broker, and stops
# the engines afterwards, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
# Engines already running (a developer's session) are used and left running; otherwise they are
# started here and stopped on exit.
if [ -z "${SLIPWAY_DOCKER_HOST:-}" ]; then
  if ! scripts/engines.sh running 2; then
    trap 'scripts/engines.sh stop' EXIT
    scripts/engines.sh start 2
  fi
  eval "$(scripts/engines.sh env)"
fi
scripts/vendor-busybox.sh
./mvnw -B -ntp verify "$@"
