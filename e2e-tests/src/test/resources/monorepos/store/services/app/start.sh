#!/bin/sh
# web and ledger answer GET / with their name; api answers 401 with a JSON error everywhere under /api,
# as the story's API does without a token. A ledger with a volume at /data counts its starts there.
if [ "$MODE" = crash ]; then
  echo "starting $SERVICE"
  echo "Error: @prisma/client did not initialize yet"
  exit 3
fi
trap 'kill "$httpd" 2>/dev/null; exit 0' TERM INT
if [ "$SERVICE" = api ]; then
  httpd -f -p 8080 -h /www-api -c /etc/httpd-api.conf -r 'store api' &
else
  [ -d /data ] && echo "started $(hostname)" >>/data/starts
  mkdir -p /tmp/www
  echo "$SERVICE $MODE" >/tmp/www/index.html
  httpd -f -p 8080 -h /tmp/www &
fi
httpd=$!
wait "$httpd"
