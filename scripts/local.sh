#!/usr/bin/env bash
# The main job on the embedded defaults: builds Slipway, starts a private Docker engine (installing
# docker.io and busybox-static if missing), the in-process Kafka broker and the four services, releases
# the bundled example (examples/shop), shows it progress and prints the verdict. Stops it all afterwards.
# Extra arguments go to `slipway local` (e.g. a plan path, --version 2.1.0).
# With SLIPWAY_DOCKER_HOST set, that engine is used instead (e.g. a laptop's Docker:
# SLIPWAY_DOCKER_HOST=unix:///var/run/docker.sock scripts/local.sh).
#
# scripts/local.sh --kubernetes [args]: the same example on a real Kubernetes cluster instead of Docker
# containers: starts scripts/cluster.sh's four nodes (building Kubernetes once, about 5 minutes, as root) unless
# they run, applies deploy/'s service accounts and RBAC and examples/shop/kubernetes/shop.yaml in namespace
# shop (when its Deployments do not exist yet), and releases examples/shop/slipway-kubernetes.yaml: images
# imported into every node's containerd over SSH, Deployments rolled by the real controllers, the rollout and
# the verifier holding the tokens of deploy/'s ServiceAccounts. Stops the cluster afterwards if it started it.
set -euo pipefail
cd "$(dirname "$0")/.."
KUBERNETES=
if [ "${1:-}" = --kubernetes ]; then
  KUBERNETES=1
  shift
fi
STOP_ENGINES= STOP_CLUSTER=
cleanup() {
  [ -z "$STOP_CLUSTER" ] || scripts/cluster.sh stop
  [ -z "$STOP_ENGINES" ] || scripts/engines.sh stop
  true
}
trap cleanup EXIT
if [ -z "${SLIPWAY_DOCKER_HOST:-}" ]; then
  # An engine of its own (not scripts/test.sh's: the first of the two to finish would stop it under the other),
  # one run at a time (a second waits for the first).
  export SLIPWAY_ENGINES_DIR=/tmp/slipway-local-engine SLIPWAY_ENGINES_BRIDGE_PREFIX=slwlocal SLIPWAY_ENGINES_SUBNET=10.232
  exec 9>/tmp/slipway-local.lock
  if ! flock -n 9; then
    echo "local.sh: another scripts/local.sh is running on this machine; waiting for it to finish" >&2
    flock 9
  fi
  if ! scripts/engines.sh running 1; then
    STOP_ENGINES=1
    scripts/engines.sh start 1 9>&-
  fi
  eval "$(scripts/engines.sh env)"
fi
scripts/vendor-busybox.sh
echo "building Slipway (./mvnw package) ..."
./mvnw -q -B -ntp -DskipTests package
if [ -z "$KUBERNETES" ]; then
  java -jar cli/target/slipway.jar local --engine "$SLIPWAY_DOCKER_HOST" "$@"
  exit
fi

if ! scripts/cluster.sh running 4; then
  STOP_CLUSTER=1
  scripts/cluster.sh start 4
fi
eval "$(scripts/cluster.sh env)"
kubectl() { "$SLIPWAY_CLUSTER_KUBECTL" --kubeconfig "$SLIPWAY_CLUSTER_KUBECONFIG" "$@"; }
kubectl apply -f deploy/020-Namespace-ServiceAccounts.yaml -f deploy/040-ClusterRole-verifier-nodes.yaml \
  -f deploy/041-ClusterRole-rollout-nodes.yaml >/dev/null
kubectl get namespace shop >/dev/null 2>&1 || kubectl create namespace shop >/dev/null
kubectl apply -n shop -f deploy/030-Role-rollout.yaml -f deploy/031-Role-verifier.yaml >/dev/null
if ! kubectl -n shop get deployment web api >/dev/null 2>&1; then
  echo "creating the shop's Deployments in namespace shop (examples/shop/kubernetes/shop.yaml)"
  kubectl apply -n shop -f examples/shop/kubernetes/shop.yaml >/dev/null
fi
# The rollout and the verifier get only their ServiceAccounts' rights: a kubeconfig with each account's token.
run=target/slipway-local/kubernetes
mkdir -p "$run"
account_kubeconfig() {
  local account=$1 secret token server ca
  for _ in $(seq 1 50); do
    secret=$(kubectl -n slipway get serviceaccount "$account" -o 'jsonpath={.secrets[0].name}' 2>/dev/null || true)
    [ -n "$secret" ] && break
    sleep 0.2
  done
  token=$(kubectl -n slipway get secret "$secret" -o 'jsonpath={.data.token}' | base64 -d)
  ca=$(kubectl -n slipway get secret "$secret" -o 'jsonpath={.data.ca\.crt}')
  server=$(kubectl config view --minify -o 'jsonpath={.clusters[0].cluster.server}')
  (umask 077; cat >"$run/$account.kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters: [{name: slipway, cluster: {server: "$server", certificate-authority-data: "$ca"}}]
users: [{name: $account, user: {token: "$token"}}]
contexts: [{name: slipway, context: {cluster: slipway, user: $account}}]
current-context: slipway
YAML
  )
}
account_kubeconfig slipway-rollout
account_kubeconfig slipway-verifier
java -jar cli/target/slipway.jar local examples/shop/slipway-kubernetes.yaml --engine "$SLIPWAY_DOCKER_HOST" \
  --nodes "$SLIPWAY_CLUSTER_NODES_CONFIG" --rollout-kubeconfig "$run/slipway-rollout.kubeconfig" \
  --verifier-kubeconfig "$run/slipway-verifier.kubeconfig" "$@"
