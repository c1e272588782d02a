#!/usr/bin/env bash
# The baseline of the distribution benchmark: what the user did by hand. Save every image of the release
# into one archive, then for each node in turn copy the archive there (scp) and import it with the
# node's containerd (`ctr images import`), then remove the copy. Nodes from scripts/bench-nodes.sh.
#   scripts/bench-distribution-baseline.sh ARCHIVE IMAGE...
# ARCHIVE is written on this machine (the build host) and removed at the end.
set -euo pipefail
archive=${1:?usage: $0 ARCHIVE IMAGE...}
shift
: "${SLIPWAY_DOCKER_HOST:?set SLIPWAY_DOCKER_HOST to the build engine}"
eval "$("$(dirname "$0")"/bench-nodes.sh env)"
: "${SLIPWAY_BENCH_NODES:?no bench node is running: scripts/bench-nodes.sh start}"
ssh_opts=(-i "$SLIPWAY_BENCH_NODE_KEY" -o UserKnownHostsFile="$SLIPWAY_BENCH_NODE_KNOWN_HOSTS"
  -o StrictHostKeyChecking=yes -o BatchMode=yes)

docker -H "$SLIPWAY_DOCKER_HOST" save "$@" >"$archive"
for i in $(seq 1 "$SLIPWAY_BENCH_NODES"); do
  login=SLIPWAY_BENCH_NODE_$i sock=SLIPWAY_BENCH_NODE_${i}_CONTAINERD incoming=SLIPWAY_BENCH_NODE_${i}_INCOMING
  host=${!login%:22}
  scp -q "${ssh_opts[@]}" "$archive" "$host:${!incoming}/release.tar"
  ssh "${ssh_opts[@]}" "$host" "ctr -a ${!sock} -n k8s.io images import ${!incoming}/release.tar >/dev/null && rm ${!incoming}/release.tar"
done
rm -f "$archive"
