#!/bin/sh
# Publishes the greeting from the release plan's environment (docker.env.GREETING), then serves /www.
printf '%s\n' "${GREETING:-hello}" > /www/greeting.txt
exec httpd -f -p 8080 -h /www
