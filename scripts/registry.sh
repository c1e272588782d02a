#!/usr/bin/env bash
# Starts or stops the image registry that the distributor's registry transport and its tests push to: a
# real Debian `docker-registry` (distribution 2.8) on 127.0.0.1 with its own storage and htpasswd basic
# auth for one generated user, whose password is written to a file (never printed). Plain HTTP: dockerd
# treats 127.0.0.0/8 as an insecure registry, so engines push to it as they are.
# Prints the environment to use with `eval "$(scripts/registry.sh env)"`.
#   scripts/registry.sh start    start the registry, installing docker-registry and apache2-utils if missing
#   scripts/registry.sh env      print SLIPWAY_TEST_REGISTRY (127.0.0.1:port), SLIPWAY_TEST_REGISTRY_USER and
#                                SLIPWAY_TEST_REGISTRY_PASSWORD_FILE
#                                (not SLIPWAY_REGISTRY_*: Quarkus would read those as the slipway.registry.* settings)
#   scripts/registry.sh running  exit 0 when the registry answers with the generated credentials
#   scripts/registry.sh stop     stop the registry this script started and remove its storage
set -euo pipefail
STATE=${SLIPWAY_TEST_REGISTRY_DIR:-/tmp/slipway-registry}
PORT=${SLIPWAY_TEST_REGISTRY_PORT:-5000}
USER_NAME=slipway

need_packages() {
  local missing=()
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "registry.sh: needs ${missing[*]}; run as root or install them (apt-get install ${missing[*]})" >&2
      exit 1
    fi
    echo "registry.sh: installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# The port the running registry listens on: the one it was started with, else the configured one.
port() {
  if [ -f "$STATE/port" ]; then cat "$STATE/port"; else echo "$PORT"; fi
}

registry_answers() {
  [ -f "$STATE/password" ] || return 1
  # the password goes to curl through a config on stdin, so it never shows in the process list
  printf 'user = "%s:%s"\n' "$USER_NAME" "$(cat "$STATE/password")" |
    curl -fsS -o /dev/null --max-time 2 -K - "http://127.0.0.1:$(port)/v2/" 2>/dev/null
}

credentials() {
  mkdir -p "$STATE"
  chmod 700 "$STATE"
  if [ ! -f "$STATE/password" ]; then
    (umask 077; openssl rand -hex 24 >"$STATE/password")
  fi
  echo "$USER_NAME" >"$STATE/user"
  # bcrypt, the only hash docker-registry's htpasswd accepts; the password is read from stdin
  (umask 077; htpasswd -i -B -n "$USER_NAME" <"$STATE/password" >"$STATE/htpasswd")
}

start_registry() {
  if [ -f "$STATE/registry.pid" ] && kill -0 "$(cat "$STATE/registry.pid")" 2>/dev/null && registry_answers; then
    return 0
  fi
  if grep -q LISTEN <<<"$(ss -ltn "( sport = :$PORT )")"; then
    echo "registry.sh: port 127.0.0.1:$PORT is taken; set SLIPWAY_TEST_REGISTRY_PORT to a free port" >&2
    exit 1
  fi
  credentials
  mkdir -p "$STATE/data"
  cat >"$STATE/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$PORT
  secret: $(openssl rand -hex 16)
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  htpasswd:
    realm: slipway-registry
    path: $STATE/htpasswd
EOF
  echo "$PORT" >"$STATE/port"
  docker-registry serve "$STATE/config.yml" >"$STATE/registry.log" 2>&1 &
  echo $! >"$STATE/registry.pid"
  for _ in $(seq 1 100); do
    registry_answers && return 0
    sleep 0.2
  done
  echo "registry.sh: docker-registry did not answer on 127.0.0.1:$PORT within 20 s; its log:" >&2
  tail -n 20 "$STATE/registry.log" >&2
  exit 1
}

stop_registry() {
  if [ -f "$STATE/registry.pid" ]; then
    local pid
    pid=$(cat "$STATE/registry.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$STATE"
}

case "${1:-}" in
  start)
    need_packages
    start_registry
    ;;
  running)
    [ -f "$STATE/registry.pid" ] && kill -0 "$(cat "$STATE/registry.pid")" 2>/dev/null && registry_answers
    ;;
  env)
    if [ -f "$STATE/password" ] && [ -f "$STATE/registry.pid" ]; then
      echo "export SLIPWAY_TEST_REGISTRY=127.0.0.1:$(port)"
      echo "export SLIPWAY_TEST_REGISTRY_USER=$(cat "$STATE/user")"
      echo "export SLIPWAY_TEST_REGISTRY_PASSWORD_FILE=$STATE/password"
    fi
    true
    ;;
  stop)
    stop_registry
    true
    ;;
  *)
    echo "usage: $0 start | running | env | stop" >&2
    exit 2
    ;;
esac
