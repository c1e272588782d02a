#!/usr/bin/env bash
# Four (or N) simulated k3s nodes for the distribution benchmark, each behind its own network link:
# per node a real containerd (own root, state and socket; CRI plugin off) and a real OpenSSH server that
# runs inside its own network namespace slipway-bn<i>, reached from the host over a veth pair
# (host side slwbn<i>h 10.241.<i>.1/30, node side slwbn<i>n 10.241.<i>.2/30; sshd on 10.241.<i>.2:22).
# Each link can be rate limited in both directions with tc (tbf), as a VPS's link is. The node's
# containerd socket is a file, so `ctr -a <socket>` works from inside the namespace (over SSH) and from
# the host. Bytes the host sent to node i: /sys/class/net/slwbn<i>h/statistics/tx_bytes.
# Its own state (/tmp/slipway-bench-nodes), names and addresses: it never touches scripts/k3s-nodes.sh's nodes.
#   scripts/bench-nodes.sh start [N] [--rate R]  start N nodes (default 4); R e.g. 200mbit (default: no limit)
#   scripts/bench-nodes.sh rate R|none           set (or remove) the limit on every running node's link
#   scripts/bench-nodes.sh env                   print SLIPWAY_BENCH_NODES (count), SLIPWAY_BENCH_NODE_KEY,
#                                                SLIPWAY_BENCH_NODE_KNOWN_HOSTS and per node i: SLIPWAY_BENCH_NODE_<i>
#                                                (root@10.241.<i>.2:22), _CONTAINERD (socket), _VETH (host side)
#   scripts/bench-nodes.sh wipe                  remove every image, blob and snapshot from every node's containerd
#   scripts/bench-nodes.sh stop                  stop everything this script started; remove netns, veths and state
set -euo pipefail
STATE=${SLIPWAY_BENCH_NODES_DIR:-/tmp/slipway-bench-nodes}
NETNS_PREFIX=slipway-bn
VETH_PREFIX=slwbn
SUBNET=10.241
NS=k8s.io
SIM_NAME=bench-nodes.sh
# shellcheck source=lib/simulated-node.sh
. "$(dirname "$0")/lib/simulated-node.sh"

ssh_to() {
  local i=$1
  shift
  ssh -i "$STATE/client_key" -o UserKnownHostsFile="$STATE/known_hosts" -o StrictHostKeyChecking=yes \
    -o BatchMode=yes -o ConnectTimeout=2 "root@$SUBNET.$i.2" "$@"
}




link() {
  local i=$1 ns="$NETNS_PREFIX$1" host="${VETH_PREFIX}$1h" node="${VETH_PREFIX}$1n"
  grep -qw "^$ns" <<<"$(ip netns list)" || ip netns add "$ns"
  if ! ip link show "$host" >/dev/null 2>&1; then
    ip link add "$host" type veth peer name "$node"
    ip link set "$node" netns "$ns"
    ip addr add "$SUBNET.$i.1/30" dev "$host"
    ip netns exec "$ns" ip addr add "$SUBNET.$i.2/30" dev "$node"
  fi
  ip link set "$host" up
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" ip link set "$node" up
}

# Limits both directions of node i's link: the host side's egress (host → node) and the node side's (node → host).
set_rate() {
  local i=$1 rate=$2 ns="$NETNS_PREFIX$1" host="${VETH_PREFIX}$1h" node="${VETH_PREFIX}$1n"
  tc qdisc del dev "$host" root 2>/dev/null || true
  ip netns exec "$ns" tc qdisc del dev "$node" root 2>/dev/null || true
  if [ "$rate" != none ]; then
    tc qdisc add dev "$host" root tbf rate "$rate" burst 256kb latency 50ms
    ip netns exec "$ns" tc qdisc add dev "$node" root tbf rate "$rate" burst 256kb latency 50ms
  fi
  echo "$rate" >"$STATE/rate"
}


start_sshd() {
  local i=$1 dir=$2 address="$SUBNET.$1.2"
  if [ -f "$dir/sshd.pid" ] && kill -0 "$(cat "$dir/sshd.pid")" 2>/dev/null && ssh_to "$i" true >/dev/null 2>&1; then
    return 0
  fi
  answers() { ssh_to "$i" true >/dev/null 2>&1; }
  sim_start_sshd "$dir" "$address" 22 "$address" answers ip netns exec "$NETNS_PREFIX$i"
}

wipe_node() {
  local sock=$1/containerd.sock images blobs
  images=$(ctr -a "$sock" -n "$NS" images ls -q)
  # --sync waits for the garbage collector, which removes the blobs and snapshots no image holds any more
  [ -z "$images" ] || ctr -a "$sock" -n "$NS" images rm --sync $images >/dev/null
  blobs=$(ctr -a "$sock" -n "$NS" content ls -q)
  [ -z "$blobs" ] || ctr -a "$sock" -n "$NS" content rm $blobs >/dev/null
  local left
  left=$(ctr -a "$sock" -n "$NS" content ls -q | wc -l)
  if [ "$left" != 0 ]; then
    echo "bench-nodes.sh: $1 still holds $left blobs after the wipe" >&2
    exit 1
  fi
  rm -rf "$1/incoming"
  mkdir -p "$1/incoming"
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

nodes() {
  for dir in "$STATE"/node*; do [ -d "$dir" ] && echo "${dir##*node}"; done | sort -n
}

case "${1:-}" in
  start)
    shift
    count=4 rate=none
    while [ $# -gt 0 ]; do
      case "$1" in
        --rate) rate=$2; shift 2 ;;
        *) count=$1; shift ;;
      esac
    done
    if [ "$(id -u)" != 0 ]; then
      echo "bench-nodes.sh: network namespaces, containerd and sshd need root" >&2
      exit 1
    fi
    if command -v tc >/dev/null && command -v ip >/dev/null; then sim_need_packages; else sim_need_packages iproute2; fi
    sim_client_key slipway-bench
    for i in $(seq 1 "$count"); do
      mkdir -p "$STATE/node$i/incoming"
      link "$i"
      set_rate "$i" "$rate"
      sim_start_containerd "$STATE/node$i"
      start_sshd "$i" "$STATE/node$i"
    done
    ;;
  rate)
    rate=${2:?usage: $0 rate R|none}
    for i in $(nodes); do set_rate "$i" "$rate"; done
    ;;
  env)
    count=0
    for i in $(nodes); do
      [ -S "$STATE/node$i/containerd.sock" ] || continue
      count=$((count + 1))
      echo "export SLIPWAY_BENCH_NODE_$i=root@$SUBNET.$i.2:22"
      echo "export SLIPWAY_BENCH_NODE_${i}_CONTAINERD=$STATE/node$i/containerd.sock"
      echo "export SLIPWAY_BENCH_NODE_${i}_VETH=${VETH_PREFIX}${i}h"
      echo "export SLIPWAY_BENCH_NODE_${i}_INCOMING=$STATE/node$i/incoming"
    done
    if [ "$count" -gt 0 ]; then
      echo "export SLIPWAY_BENCH_NODES=$count"
      echo "export SLIPWAY_BENCH_NODE_KEY=$STATE/client_key"
      echo "export SLIPWAY_BENCH_NODE_KNOWN_HOSTS=$STATE/known_hosts"
      echo "export SLIPWAY_BENCH_NODE_RATE=$(cat "$STATE/rate" 2>/dev/null || echo none)"
    fi
    true
    ;;
  wipe)
    pids=()
    for i in $(nodes); do wipe_node "$STATE/node$i" & pids+=($!); done
    failed=0
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    exit $failed
    ;;
  stop)
    for i in $(nodes); do
      dir="$STATE/node$i"
      stop_pid "$dir/sshd.pid"
      stop_pid "$dir/containerd.pid"
      # containerd leaves overlay mounts of unpacked snapshots behind
      { grep -o " $dir/[^ ]*" /proc/mounts || true; } | sort -r | while read -r mount; do umount "$mount" 2>/dev/null || true; done
    done
    for link in $(ip -o link show | grep -o "${VETH_PREFIX}[0-9]*h" | sort -u); do ip link del "$link" 2>/dev/null || true; done
    for ns in $(ip netns list | grep -o "^$NETNS_PREFIX[0-9]*"); do ip netns del "$ns"; done
    rm -rf "$STATE"
    true
    ;;
  *)
    echo "usage: $0 start [N] [--rate R] | rate R|none | env | wipe | stop" >&2
    exit 2
    ;;
esac
