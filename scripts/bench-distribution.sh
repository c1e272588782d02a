#!/usr/bin/env bash
# Benchmarks distributing images to 4 simulated k3s nodes, each behind its own link (scripts/bench-nodes.sh):
# the baseline a user runs by hand (scripts/bench-distribution-baseline.sh: docker save of the release into
# one archive, then scp + ctr images import on each node in turn) against the real distributor-service jar
# (ssh-containerd transport, fed ImageBuilt events through an in-process broker). Scenarios: (a) first
# release A+B to empty nodes, (b) rerun with A+B already on every node, (c) release A2+B where A2 changed
# only its top layer, with A+B on every node. Every run starts from that state: (a) wiped nodes, (b)/(c)
# nodes holding exactly A and B. Results go to BENCHMARKS.md by hand, with this command.
#   scripts/bench-distribution.sh [REPS] [LINKS] [SCENARIOS]
#     REPS       runs per method, scenario and link (default 5)
#     LINKS      link rates, comma separated (default none,200mbit; none = the veth pair without a limit)
#     SCENARIOS  comma separated, of a, b, c (default a,b,c)
# Prints the markdown table; the raw numbers (raw.tsv), the table (table.md) and the distributor's log are
# in bench/target/distribution/<UTC time>/. Images: scripts/bench-distribution-images.sh (kept on the build
# engine for the next run when SLIPWAY_BENCH_KEEP_IMAGES=1, else removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-5}
links=${2:-none,200mbit}
scenarios=${3:-a,b,c}
cleanup=()
finish() {
  local i
  for ((i = ${#cleanup[@]} - 1; i >= 0; i--)); do eval "${cleanup[$i]}" || true; done
}
trap finish EXIT
if [ -z "${SLIPWAY_DOCKER_HOST:-}" ]; then
  if ! scripts/engines.sh running 1; then
    scripts/engines.sh start 1
    cleanup+=("scripts/engines.sh stop")
  fi
  eval "$(scripts/engines.sh env)"
fi
[ -x /bin/busybox ] || { echo "bench-distribution.sh: needs /bin/busybox (apt-get install busybox-static)" >&2; exit 1; }
# -am: the bench and the distributor with the modules they need, so this runs on a fresh clone too
./mvnw -q -B -ntp -pl distributor-service,bench -am package -DskipTests
if [ -z "$(scripts/bench-nodes.sh env)" ]; then
  scripts/bench-nodes.sh start 4
  cleanup+=("scripts/bench-nodes.sh stop")
fi
eval "$(scripts/bench-nodes.sh env)"
[ "${SLIPWAY_BENCH_KEEP_IMAGES:-0}" = 1 ] || cleanup+=("scripts/bench-distribution-images.sh rm")
out=bench/target/distribution/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$out"
echo "== distribution benchmark: $reps runs per method, scenario and link ($links); output in $out" >&2
java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
  dev.slipway.bench.distribution.DistributionBench "$reps" "$links" "$out" "$scenarios" 2> >(tee "$out/bench.log" >&2)
