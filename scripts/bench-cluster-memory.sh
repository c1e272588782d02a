#!/usr/bin/env bash
# Peak resident memory of each Slipway service in its pod during the example release, on the real test cluster;
# results go to BENCHMARKS.md by hand, with this command.
#   scripts/bench-cluster-memory.sh [ROUNDS]   (default 3)
# Runs e2e-tests' ClusterMemoryBench through scripts/test.sh (which starts, and afterwards stops, the engines, the
# cluster and the build host, and builds and imports the images): deploy/ applied once, then per round the five
# services restarted with the baseline JVM options and with the images' own, the example released from outside with
# the CLI, each pod's VmRSS sampled every 250 ms until the verdict. The table: e2e-tests/target/cluster-memory.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/test.sh -pl e2e-tests -am -Dtest=ClusterMemoryBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dslipway.bench.rounds="${1:-3}"
cat e2e-tests/target/cluster-memory.md
