#!/usr/bin/env bash
# The test command: starts two private Docker engines (installing docker.io and busybox-static if
# missing) and four simulated k3s nodes (containerd + OpenSSH on loopback, installing openssh-server and
# containerd if missing) and a docker-registry with basic auth on 127.0.0.1:5000 (installing docker-registry
# and apache2-utils if missing) and a real Kubernetes cluster of four nodes (scripts/cluster.sh: built once from
# Debian's kubernetes source package, about 5 minutes the first time) with the build host of Slipway deployed on it
# (scripts/build-host.sh: a dockerd with TLS on the cluster's bridge), installs Debian's prometheus (for the metrics
# test) and chromium + chromium-driver (for the console's browser test) when missing, builds Slipway's container images
# into engine 1 (scripts/images.sh build: the Kafka image the Testcontainers tests run and the services' images) and
# imports them into the cluster's nodes (scripts/images.sh load-cluster, for ClusterDeploymentE2ETest), runs
# every test of every module against them, with Kafka brokers in containers of slipway/kafka (Testcontainers; the root
# pom points it at $SLIPWAY_DOCKER_HOST, without Ryuk),
# and stops what it started afterwards, pass or fail. Engines, nodes, a registry or a cluster already running
# (a developer's session) are used and left running. One run at a time per machine: a second run waits for the
# first to finish and stop what it started (the lock $SLIPWAY_TEST_LOCK, default /tmp/slipway-test.lock), since
# both would use the same engines, nodes and cluster and the first to finish would stop them under the other.
set -euo pipefail
cd "$(dirname "$0")/.."
LOCK=${SLIPWAY_TEST_LOCK:-/tmp/slipway-test.lock}
exec 9>"$LOCK"
if ! flock -n 9; then
  echo "test.sh: another scripts/test.sh is running on this machine (it holds $LOCK); waiting for it to finish" >&2
  flock 9
  echo "test.sh: the other run finished; starting" >&2
fi
# The parts below start daemons with the lock's descriptor closed (9>&-): one left running must not hold it.
STOP_ENGINES= STOP_NODES= STOP_REGISTRY= STOP_CLUSTER= STOP_BUILD_HOST=
cleanup() {
  # each part is stopped even when stopping another failed
  set +e
  [ -z "$STOP_BUILD_HOST" ] || scripts/build-host.sh stop
  [ -z "$STOP_CLUSTER" ] || scripts/cluster.sh stop
  [ -z "$STOP_REGISTRY" ] || scripts/registry.sh stop
  [ -z "$STOP_NODES" ] || scripts/k3s-nodes.sh stop
  [ -z "$STOP_ENGINES" ] || scripts/engines.sh stop
  true
}
trap cleanup EXIT
if [ -z "${SLIPWAY_DOCKER_HOST:-}" ]; then
  if ! scripts/engines.sh running 2; then
    STOP_ENGINES=1
    scripts/engines.sh start 2 9>&-
  fi
  eval "$(scripts/engines.sh env)"
fi
if [ -z "${SLIPWAY_K3S_NODES:-}" ]; then
  if ! scripts/k3s-nodes.sh running 4; then
    STOP_NODES=1
    scripts/k3s-nodes.sh start 4 9>&-
  fi
  eval "$(scripts/k3s-nodes.sh env)"
fi
if [ -z "${SLIPWAY_TEST_REGISTRY:-}" ]; then
  if ! scripts/registry.sh running; then
    STOP_REGISTRY=1
    scripts/registry.sh start 9>&-
  fi
  eval "$(scripts/registry.sh env)"
fi
if [ -z "${SLIPWAY_CLUSTER_KUBECONFIG:-}" ]; then
  if ! scripts/cluster.sh running 4; then
    STOP_CLUSTER=1
    scripts/cluster.sh start 4 9>&-
  fi
  eval "$(scripts/cluster.sh env)"
fi
if [ -z "${SLIPWAY_BUILD_HOST:-}" ]; then
  if ! scripts/build-host.sh running; then
    STOP_BUILD_HOST=1
    scripts/build-host.sh start 9>&-
  fi
  eval "$(scripts/build-host.sh env)"
fi
scripts/vendor-busybox.sh
scripts/prometheus.sh install
scripts/chromium.sh
scripts/images.sh build
scripts/images.sh load-cluster
./mvnw -B -ntp verify "$@"
