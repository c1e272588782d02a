#!/bin/sh
# Publishes the greeting from the release plan's environment (docker.env.GREETING), then serves /www.
# httpd runs as a child so this shell, PID 1, can answer `docker stop` (SIGTERM) at once: PID 1 has no
# default signal handlers, and httpd installs none.
printf '%s\n' "${GREETING:-hello}" > /www/greeting.txt
trap 'kill "$httpd" 2>/dev/null; exit 0' TERM INT
httpd -f -p 8080 -h /www &
httpd=$!
wait "$httpd"
