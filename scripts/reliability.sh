#!/usr/bin/env bash
# Releases under faults, for RELIABILITY.md (results go there by hand, with this command).
#   scripts/reliability.sh [RELEASES] [BASELINE] [SEED] [MODE]   (defaults 20, 3, 9, kill)
# FaultBench: BASELINE fault-free releases of examples/shop, then RELEASES releases through the four packaged
# services, each with one fault aimed at the work of one stage (builder, distributor, rollout, verifier in turn),
# at a random point after that stage accepted the release's event. MODE:
#   kill       the stage is killed with SIGKILL and started again 2 s later
#   broker     the broker (its own process) is killed with SIGKILL or stopped with SIGTERM (four releases each in
#              turn) and started again 2 s later at the same address with the same data
#   instances  two instances of each stage in one consumer group, topics with 3 partitions; the instance that
#              accepted the event is killed with SIGKILL, and started again only after the verdict
#   switch     the rollout is killed with SIGKILL 0-30 ms after it begins replacing the first service's container
#              (between stopping the old container and starting the new one) and started again 2 s later
# Every mode also watches the plan's http endpoints (every 20 ms) for the longest time one did not answer.
# Counts per release, from the topics and the engine's own events: Verified records, verdict, builds (image tags),
# loads, container creates and starts. The table goes to stdout, the progress to target/reliability[-MODE].log.
# Starts a private Docker engine when SLIPWAY_DOCKER_HOST is not set, and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
releases=${1:-20}
baseline=${2:-3}
seed=${3:-9}
mode=${4:-kill}
case "$mode" in
  kill) log=target/reliability.log ;;
  broker|instances|switch) log=target/reliability-$mode.log ;;
  *) echo "reliability.sh: unknown mode '$mode': use kill, broker, instances or switch" >&2; exit 2 ;;
esac
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
  "$SLIPWAY_DOCKER_HOST" "$releases" "$baseline" "$seed" "$mode" 2> "$log"
