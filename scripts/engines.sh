#!/usr/bin/env bash
# Starts or stops the Docker engines that the local default and the tests run against: real dockerd
# processes on private sockets, each with its own bridge, so nothing touches a Docker already on the
# machine. Prints the environment to use with `eval "$(scripts/engines.sh env)"`.
#   scripts/engines.sh start [N]   start N engines (default 1), installing docker.io and busybox-static if missing
#   scripts/engines.sh env         print SLIPWAY_DOCKER_HOST (engine 1) and SLIPWAY_DOCKER_HOST_2 (engine 2)
#   scripts/engines.sh running [N] exit 0 when engines 1..N (default 1) already answer
#   scripts/engines.sh stop        stop every engine this script started and remove its state
set -euo pipefail
STATE=${SLIPWAY_ENGINES_DIR:-/tmp/slipway-engines}
# Each engine gets its own bridge <prefix><i> on <subnet>.<i>.0/24; change both to run a second set beside.
BRIDGE_PREFIX=${SLIPWAY_ENGINES_BRIDGE_PREFIX:-slipway}
SUBNET=${SLIPWAY_ENGINES_SUBNET:-10.231}

need_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  [ -x /bin/busybox ] && file_is_static /bin/busybox || missing+=(busybox-static)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "engines.sh: needs ${missing[*]}; run as root or install them (apt-get install ${missing[*]})" >&2
      exit 1
    fi
    echo "engines.sh: installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

file_is_static() {
  ! ldd "$1" >/dev/null 2>&1
}

start_engine() {
  local i=$1 dir="$STATE/engine$i" bridge="$BRIDGE_PREFIX$i" subnet="$SUBNET.$i"
  local sock="$dir/docker.sock"
  if [ -S "$sock" ] && docker -H "unix://$sock" version >/dev/null 2>&1; then
    return 0
  fi
  mkdir -p "$dir/data" "$dir/exec"
  if ! ip link show "$bridge" >/dev/null 2>&1; then
    ip link add "$bridge" type bridge
    ip addr add "$subnet.1/24" dev "$bridge"
  fi
  ip link set "$bridge" up
  dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
    --bridge "$bridge" --iptables=false --ip-masq=false --label "slipway.engine=engine$i" \
    >"$dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 100); do
    if docker -H "unix://$sock" version >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  echo "engines.sh: dockerd $i did not answer on $sock within 20 s; its log:" >&2
  tail -n 20 "$dir/dockerd.log" >&2
  exit 1
}

stop_engine() {
  local dir=$1 i
  i=${dir##*engine}
  if [ -f "$dir/docker.pid" ]; then
    local pid
    pid=$(cat "$dir/docker.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  umount "$dir/exec/netns/default" 2>/dev/null || true
  ip link del "$BRIDGE_PREFIX$i" 2>/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    count=${2:-1}
    if [ "$(id -u)" != 0 ]; then
      echo "engines.sh: starting private dockerd engines needs root; set SLIPWAY_DOCKER_HOST to an engine you have instead" >&2
      exit 1
    fi
    need_packages
    for i in $(seq 1 "$count"); do start_engine "$i"; done
    ;;
  running)
    for i in $(seq 1 "${2:-1}"); do
      docker -H "unix://$STATE/engine$i/docker.sock" version >/dev/null 2>&1 || exit 1
    done
    ;;
  env)
    [ -S "$STATE/engine1/docker.sock" ] && echo "export SLIPWAY_DOCKER_HOST=unix://$STATE/engine1/docker.sock"
    [ -S "$STATE/engine2/docker.sock" ] && echo "export SLIPWAY_DOCKER_HOST_2=unix://$STATE/engine2/docker.sock"
    true
    ;;
  stop)
    for dir in "$STATE"/engine*; do [ -d "$dir" ] && stop_engine "$dir"; done
    true
    ;;
  *)
    echo "usage: $0 start [N] | running [N] | env | stop" >&2
    exit 2
    ;;
esac
