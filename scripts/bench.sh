#!/usr/bin/env bash
# Benchmarks the pipeline on this machine; results go to BENCHMARKS.md by hand, with this command.
#   scripts/bench.sh [RELEASES]   (default 20)
# 1. PipelineBench: RELEASES releases of examples/shop through one local pipeline: request → verdict by
#    stage, the event overhead of each hop, and the peak RSS of each service.
# 2. The local default as a user runs it (`slipway local`), 3 times: wall time from command to verdict.
set -euo pipefail
cd "$(dirname "$0")/.."
releases=${1:-20}
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
echo "== PipelineBench, $releases releases"
java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" dev.slipway.bench.PipelineBench \
  "$SLIPWAY_DOCKER_HOST" "$releases" 2> target/bench-pipeline.log
echo
echo "== slipway local, 3 runs (wall time from command to verdict)"
for i in 1 2 3; do
  java -jar cli/target/slipway.jar local --engine "$SLIPWAY_DOCKER_HOST" > target/bench-local-$i.log 2>&1
  grep -E "wall time from command to verdict" target/bench-local-$i.log
done
