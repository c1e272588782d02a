#!/bin/sh
if [ "$MODE" = crash ]; then
  echo "starting ledger"
  echo "Error: @prisma/client did not initialize yet"
  exit 3
fi
mkdir -p /www
echo "ledger $MODE" > /www/index.html
# httpd as a child, so this shell (PID 1) answers docker stop's SIGTERM at once.
trap 'kill "$httpd" 2>/dev/null; exit 0' TERM INT
httpd -f -p 8080 -h /www &
httpd=$!
wait "$httpd"
