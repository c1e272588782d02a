#!/usr/bin/env bash
# What a long history costs the commands that read the log; results go to BENCHMARKS.md by hand, with this command.
#   scripts/bench-history.sh [PAST] [ROUNDS]   (defaults 10000 and 5)
# HistoryBench (bench module), in-process broker only: slipway watch / audit / history timed to their first line
# and their exit on five topics holding 2 releases, then on five holding the same 2 among PAST others over 30 days;
# then the console started as a process on each, building its index, and restarted on the index it kept.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
./mvnw -q -B -ntp -DskipTests package -pl bench,console -am
java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" dev.slipway.bench.history.HistoryBench \
  "${1:-10000}" "${2:-5}" 2> target/bench-history.log
