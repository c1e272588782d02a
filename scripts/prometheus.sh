#!/usr/bin/env bash
# Prometheus for the metrics test (e2e-tests MetricsE2ETest), from Debian's prometheus package.
#   scripts/prometheus.sh install   install prometheus (and promtool) if missing; the package's own service
#                                   is kept from starting and disabled: the test starts its own prometheus
#                                   on a free loopback port with a temporary storage folder
set -euo pipefail
case "${1:-}" in
  install)
    if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
      if [ "$(id -u)" != 0 ]; then
        echo "prometheus.sh: needs prometheus; run as root or install it (apt-get install prometheus)" >&2
        exit 1
      fi
      echo "prometheus.sh: installing prometheus" >&2
      # no service may start while installing (policy-rc.d 101: action forbidden)
      policy=/usr/sbin/policy-rc.d
      had_policy=
      [ ! -e "$policy" ] || had_policy=1
      [ -n "$had_policy" ] || { printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; }
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
      [ -n "$had_policy" ] || rm -f "$policy"
    fi
    # the package's services (prometheus on :9090, node exporter on :9100) stay off
    for service in prometheus prometheus-node-exporter; do
      if [ -x "/etc/init.d/$service" ]; then
        if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
          systemctl disable --now "$service" >/dev/null 2>&1 || true
        else
          "/etc/init.d/$service" stop >/dev/null 2>&1 || true
          update-rc.d "$service" disable >/dev/null 2>&1 || true
        fi
      fi
    done
    ;;
  *)
    echo "usage: scripts/prometheus.sh install" >&2
    exit 2
    ;;
esac
