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

need_packages() {
  local missing=()
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  command -v containerd >/dev/null && command -v ctr >/dev/null || missing+=(containerd)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "k3s-nodes.sh: installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

containerd_answers() {
  ctr -a "$1" --timeout 2s version >/dev/null 2>&1
}

sshd_answers() {
  ssh -i "$STATE/client_key" -o UserKnownHostsFile="$STATE/known_hosts" -o StrictHostKeyChecking=yes \
    -o BatchMode=yes -o ConnectTimeout=2 -p "$1" root@127.0.0.1 true >/dev/null 2>&1
}

client_key() {
  mkdir -p "$STATE"
  [ -f "$STATE/client_key" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C slipway-distributor -f "$STATE/client_key"
  cp "$STATE/client_key.pub" "$STATE/authorized_keys"
  touch "$STATE/known_hosts"
}

start_containerd() {
  local dir=$1 sock="$1/containerd.sock"
  if [ -S "$sock" ] && containerd_answers "$sock"; then
    return 0
  fi
  mkdir -p "$dir/root" "$dir/state"
  cat >"$dir/containerd.toml" <<EOF
version = 2
root = "$dir/root"
state = "$dir/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$sock"
[ttrpc]
  address = "$sock.ttrpc"
EOF
  containerd --config "$dir/containerd.toml" >"$dir/containerd.log" 2>&1 &
  echo $! >"$dir/containerd.pid"
  for _ in $(seq 1 100); do
    containerd_answers "$sock" && return 0
    sleep 0.2
  done
  echo "k3s-nodes.sh: containerd in $dir did not answer on $sock within 20 s; its log:" >&2
  tail -n 20 "$dir/containerd.log" >&2
  exit 1
}

start_sshd() {
  local dir=$1 port=$2
  if [ -f "$dir/sshd.pid" ] && kill -0 "$(cat "$dir/sshd.pid")" 2>/dev/null && sshd_answers "$port"; then
    return 0
  fi
  if ss -ltn "( sport = :$port )" | grep -q LISTEN; then
    echo "k3s-nodes.sh: port 127.0.0.1:$port is taken; set SLIPWAY_K3S_NODES_PORT_BASE to a free range" >&2
    exit 1
  fi
  [ -f "$dir/ssh_host_ecdsa_key" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C "slipway-node-$port" -f "$dir/ssh_host_ecdsa_key"
  cat >"$dir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/ssh_host_ecdsa_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $STATE/authorized_keys
UsePAM no
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
EOF
  mkdir -p /run/sshd
  /usr/sbin/sshd -D -e -f "$dir/sshd_config" >"$dir/sshd.log" 2>&1 &
  echo $! >"$dir/sshd.pid"
  local entry
  entry="[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/ssh_host_ecdsa_key.pub")"
  grep -v "^\[127.0.0.1\]:$port " "$STATE/known_hosts" >"$STATE/known_hosts.new" || true
  echo "$entry" >>"$STATE/known_hosts.new"
  mv "$STATE/known_hosts.new" "$STATE/known_hosts"
  for _ in $(seq 1 100); do
    sshd_answers "$port" && return 0
    sleep 0.2
  done
  echo "k3s-nodes.sh: sshd in $dir did not answer on 127.0.0.1:$port within 20 s; its log:" >&2
  tail -n 20 "$dir/sshd.log" >&2
  exit 1
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
    need_packages
    client_key
    for i in $(seq 1 "$count"); do
      start_containerd "$STATE/node$i"
      start_sshd "$STATE/node$i" $((PORT_BASE + i))
    done
    ;;
  running)
    for i in $(seq 1 "${2:-2}"); do
      containerd_answers "$STATE/node$i/containerd.sock" || exit 1
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
