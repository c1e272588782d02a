#!/usr/bin/env bash
# Peak resident memory of each Slipway service in its pod during the example release, on the real test cluster;
# results go to BENCHMARKS.md by hand, with this command.
#   scripts/bench-cluster-memory.sh [ROUNDS] [-Dproperty=value ...]   (default 3 rounds)
# Properties: -Dslipway.bench.java-opts=... (the options measured; default the images' own), -Dslipway.bench.baseline-opts=...
# (the baseline; "" for the images' own), -Dslipway.bench.nmt=true (thread count, jcmd's native memory summary and heap
# before and after each release: add -XX:NativeMemoryTracking=summary to the options), -Dslipway.bench.keep=true.
# Runs e2e-tests' ClusterMemoryBench through scripts/test.sh (which starts, and afterwards stops, the engines, the
# cluster and the build host, and builds and imports the images): deploy/ applied once, then per round the five
# services restarted with the baseline JVM options and with the images' own, the example released from outside with
# the CLI, each pod's VmRSS sampled every 250 ms until the verdict. The table: e2e-tests/target/cluster-memory.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/test.sh -pl e2e-tests -am -Dtest=ClusterMemoryBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dslipway.bench.rounds="${1:-3}" "${@:2}"
cat e2e-tests/target/cluster-memory.md
