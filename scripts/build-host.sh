#!/usr/bin/env bash
# A build host for Slipway deployed on the cluster of scripts/cluster.sh: a real dockerd listening with TLS on
# the cluster's bridge (tcp://10.242.0.1:2376, --tlsverify: only a client holding a certificate of its CA gets
# in), reachable from every pod, as a team's build machine would be. The builder builds on it and the distributor
# reads the built images from it, both over TLS with the client certificate (deploy/README.md). Its CA, server and
# client certificates are generated here once; its data, bridge (slbuild0, 10.233.0.0/24 for RUN steps) and
# containerd are its own, apart from scripts/engines.sh's engines. A local socket serves the tests' own docker CLI.
#
#   scripts/build-host.sh start     start it (the cluster must run: it listens on the cluster's bridge)
#   scripts/build-host.sh env       eval "$(scripts/build-host.sh env)": SLIPWAY_BUILD_HOST (tcp://10.242.0.1:2376),
#                                   SLIPWAY_BUILD_HOST_CERTS (ca.pem, cert.pem, key.pem of the client),
#                                   SLIPWAY_BUILD_HOST_SOCKET (unix:// socket, no TLS, for this machine only)
#   scripts/build-host.sh running   exit 0 when it answers over TLS
#   scripts/build-host.sh stop      stop it and remove its state
set -euo pipefail
STATE=${SLIPWAY_BUILD_HOST_DIR:-/tmp/slipway-build-host}
ADDRESS=${SLIPWAY_BUILD_HOST_ADDRESS:-10.242.0.1}
PORT=2376
BRIDGE=slbuild0
SUBNET=10.233.0

say() { echo "build-host.sh: $*" >&2; }

tls_docker() {
  docker --tlsverify --tlscacert "$STATE/client/ca.pem" --tlscert "$STATE/client/cert.pem" \
    --tlskey "$STATE/client/key.pem" -H "tcp://$ADDRESS:$PORT" "$@"
}

answers() { tls_docker version >/dev/null 2>&1; }

# The CA, the server's certificate (for the bridge address) and the client certificate Slipway's builder and
# distributor present, as Docker's documentation makes them (ca.pem, cert.pem, key.pem per side).
make_pki() {
  local pki=$STATE/pki
  [ -f "$STATE/client/key.pem" ] && return 0
  say "making the build host's CA, server and client certificates in $STATE"
  mkdir -p "$pki" "$STATE/server" "$STATE/client"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.pem" -days 3650 \
    -subj /CN=slipway-build-host-ca 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout "$STATE/server/key.pem" -out "$pki/server.csr" \
    -subj /CN=slipway-build-host 2>/dev/null
  printf 'subjectAltName=IP:%s,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' "$ADDRESS" >"$pki/server.ext"
  openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial \
    -out "$STATE/server/cert.pem" -days 3650 -extfile "$pki/server.ext" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout "$STATE/client/key.pem" -out "$pki/client.csr" \
    -subj /CN=slipway 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >"$pki/client.ext"
  openssl x509 -req -in "$pki/client.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial \
    -out "$STATE/client/cert.pem" -days 3650 -extfile "$pki/client.ext" 2>/dev/null
  cp "$pki/ca.pem" "$STATE/server/ca.pem"
  cp "$pki/ca.pem" "$STATE/client/ca.pem"
  chmod 600 "$STATE/server/key.pem" "$STATE/client/key.pem" "$pki/ca.key"
}

start() {
  if [ "$(id -u)" != 0 ]; then
    say "starting a dockerd needs root"
    exit 1
  fi
  command -v dockerd >/dev/null || {
    say "installing docker.io"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
  }
  # (captured first: with pipefail, grep -q quitting early can fail `ip` with SIGPIPE on a host with many links)
  local addresses
  addresses=$(ip -o addr show)
  if ! grep -q " inet $ADDRESS/" <<<"$addresses"; then
    say "no interface has $ADDRESS: start the cluster first (scripts/cluster.sh start), whose bridge it listens on"
    exit 1
  fi
  make_pki
  answers && return 0
  mkdir -p "$STATE/data" "$STATE/exec"
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$SUBNET.1/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  say "starting dockerd on tcp://$ADDRESS:$PORT (TLS, client certificates required)"
  dockerd --host "unix://$STATE/docker.sock" --host "tcp://$ADDRESS:$PORT" \
    --tlsverify --tlscacert "$STATE/server/ca.pem" --tlscert "$STATE/server/cert.pem" --tlskey "$STATE/server/key.pem" \
    --data-root "$STATE/data" --exec-root "$STATE/exec" --pidfile "$STATE/docker.pid" \
    --bridge "$BRIDGE" --iptables=false --ip-masq=false --label slipway.engine=build-host \
    >"$STATE/dockerd.log" 2>&1 &
  for _ in $(seq 1 100); do
    answers && return 0
    sleep 0.2
  done
  say "dockerd did not answer on tcp://$ADDRESS:$PORT within 20 s; its log:"
  tail -n 20 "$STATE/dockerd.log" >&2
  exit 1
}

stop() {
  if [ -f "$STATE/docker.pid" ]; then
    local pid
    pid=$(cat "$STATE/docker.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  # dockerd bind-mounts its data root onto itself and does not always undo it (a copy of the mount lives on in the
  # cluster nodes' mount namespaces): unmount what is left under the state, deepest first, before removing it
  { grep -o " $STATE/[^ ]*" /proc/mounts || true; } | sort -r | while read -r mount; do
    umount "$mount" 2>/dev/null || umount -l "$mount"
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start ;;
  running) answers ;;
  env)
    [ -f "$STATE/client/key.pem" ] || exit 0
    echo "export SLIPWAY_BUILD_HOST=tcp://$ADDRESS:$PORT"
    echo "export SLIPWAY_BUILD_HOST_CERTS=$STATE/client"
    echo "export SLIPWAY_BUILD_HOST_SOCKET=unix://$STATE/docker.sock"
    ;;
  stop) stop ;;
  *)
    echo "usage: $0 start | env | running | stop" >&2
    exit 2
    ;;
esac
