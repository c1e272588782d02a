#!/bin/sh
if [ "$MODE" = crash ]; then
  echo "starting ledger"
  echo "Error: @prisma/client did not initialize yet"
  exit 3
fi
mkdir -p /www
echo "ledger $MODE" > /www/index.html
exec httpd -f -p 8080 -h /www
