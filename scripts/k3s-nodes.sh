#!/usr/bin/env bash
# Starts or stops simulated k3s nodes for the distributor's ssh-containerd transport: per node a real
# containerd (own root, state and socket; CRI plugin off) and a real OpenSSH server on its own loopback
# port, with generated host keys, one generated client key and a known_hosts file naming every node.
# The node's import command is `ctr -a <its socket> -n k8s.io images import -` (there is no k3s here).
# Prints the environment to use with `eval "$(scripts/k3s-nodes.sh env)"`.
#   scripts/k3s-nodes.sh start [N]  start N nodes (default 2), installing openssh-server and containerd if missing
#   scripts/k3s-nodes.sh env        print SLIPWAY_K3S_NODES (count), SLIPWAY_K3S_NODE_KEY, SLIPWAY_K3S_NODE_KNOWN_HOSTS
#                                   and per node i: SLIPWAY_K3S_NODE_<i> (root@127.0.0.1:port) and
#                                   SLIPWAY_K3S_NODE_<i>_CONTAINERD (the containerd socket)
#   scripts/k3s-nodes.sh running [N] exit 0 when nodes 1..N (default 2) answer
#   scripts/k3s-nodes.sh stop       stop every node this script started and remove its state
set -euo pipefail
STATE=${SLIPWAY_K3S_NODES_DIR:-/tmp/slipway-k3s-nodes}
# Node i's sshd listens on 127.0.0.1:<base + i>.
PORT_BASE=${SLIPWAY_K3S_NODES_PORT_BASE:-22240}
SIM_NAME=k3s-nodes.sh
# shellcheck source=lib/simulated-node.sh
. "$(dirname "$0")/lib/simulated-node.sh"



sshd_answers() {
  ssh -i "$STATE/client_key" -o UserKnownHostsFile="$STATE/known_hosts" -o StrictHostKeyChecking=yes \
    -o BatchMode=yes -o ConnectTimeout=2 -p "$1" root@127.0.0.1 true >/dev/null 2>&1
}



start_sshd() {
  local dir=$1 port=$2
  if [ -f "$dir/sshd.pid" ] && kill -0 "$(cat "$dir/sshd.pid")" 2>/dev/null && sshd_answers "$port"; then
    return 0
  fi
  if grep -q LISTEN <<<"$(ss -ltn "( sport = :$port )")"; then
    echo "k3s-nodes.sh: port 127.0.0.1:$port is taken; set SLIPWAY_K3S_NODES_PORT_BASE to a free range" >&2
    exit 1
  fi
  answers() { sshd_answers "$port"; }
  sim_start_sshd "$dir" 127.0.0.1 "$port" "[127.0.0.1]:$port" answers
}

stop_pid() {
  local file=$1
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$file"
}

stop_node() {
  local dir=$1
  stop_pid "$dir/sshd.pid"
  stop_pid "$dir/containerd.pid"
  # containerd leaves overlay mounts of unpacked snapshots behind
  { grep -o " $dir/[^ ]*" /proc/mounts || true; } | sort -r | while read -r mount; do umount "$mount" 2>/dev/null || true; done
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    count=${2:-2}
    if [ "$(id -u)" != 0 ]; then
      echo "k3s-nodes.sh: starting containerd and sshd nodes needs root" >&2
      exit 1
    fi
    sim_need_packages
    sim_client_key slipway-distributor
    for i in $(seq 1 "$count"); do
      sim_start_containerd "$STATE/node$i"
      start_sshd "$STATE/node$i" $((PORT_BASE + i))
    done
    ;;
  running)
    for i in $(seq 1 "${2:-2}"); do
      sim_containerd_answers "$STATE/node$i/containerd.sock" || exit 1
      sshd_answers $((PORT_BASE + i)) || exit 1
    done
    ;;
  env)
    count=0
    for i in $(seq 1 64); do
      [ -S "$STATE/node$i/containerd.sock" ] || break
      count=$i
      echo "export SLIPWAY_K3S_NODE_$i=root@127.0.0.1:$((PORT_BASE + i))"
      echo "export SLIPWAY_K3S_NODE_${i}_CONTAINERD=$STATE/node$i/containerd.sock"
    done
    if [ "$count" -gt 0 ]; then
      echo "export SLIPWAY_K3S_NODES=$count"
      echo "export SLIPWAY_K3S_NODE_KEY=$STATE/client_key"
      echo "export SLIPWAY_K3S_NODE_KNOWN_HOSTS=$STATE/known_hosts"
    fi
    true
    ;;
  stop)
    for dir in "$STATE"/node*; do [ -d "$dir" ] && stop_node "$dir"; done
    rm -rf "$STATE"
    true
    ;;
  *)
    echo "usage: $0 start [N] | running [N] | env | stop" >&2
    exit 2
    ;;
esac
