#!/usr/bin/env bash
# Releases under faults, for RELIABILITY.md (results go there by hand, with this command).
#   scripts/reliability.sh [RELEASES] [BASELINE] [SEED]   (defaults 20, 3, 9)
# FaultBench: BASELINE fault-free releases of examples/shop, then RELEASES releases through the four packaged
# services, each with one SIGKILL of one service (builder, distributor, rollout, verifier in turn) at a random
# point after it accepted the release's event, restarted 2 s later. Counts per release, from the topics and the
# engine's own events: Verified records, verdict, builds (image tags), loads, container creates and starts.
# Starts a private Docker engine when SLIPWAY_DOCKER_HOST is not set, and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
releases=${1:-20}
baseline=${2:-3}
seed=${3:-9}
mkdir -p target
if [ -z "${SLIPWAY_DOCKER_HOST:-}" ]; then
  if ! scripts/engines.sh running 1; then
    trap 'scripts/engines.sh stop' EXIT
    scripts/engines.sh start 1
  fi
  eval "$(scripts/engines.sh env)"
fi
scripts/vendor-busybox.sh
./mvnw -q -B -ntp -DskipTests package
java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" dev.slipway.bench.faults.FaultBench \
  "$SLIPWAY_DOCKER_HOST" "$releases" "$baseline" "$seed" 2> target/reliability.log
