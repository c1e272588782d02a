#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver when missing: the console's browser test (console/
# ConsoleInBrowserTest) drives headless /usr/bin/chromium through /usr/bin/chromedriver with Selenium, so nothing is
# downloaded at test time. Without root and without them, says so; the test then skips with the same advice.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# One headless start before the tests: Chromium's first start on a machine (its font and profile caches) is the
# slow one, and chromedriver gives a browser one minute to answer.
warm_up() {
  timeout 120 /usr/bin/chromium --headless=new --no-sandbox --disable-dev-shm-usage --disable-gpu \
    --dump-dom about:blank >/dev/null 2>&1 || echo "chromium.sh: a first headless start of chromium failed" >&2
}
if [ ${#missing[@]} -eq 0 ]; then
  warm_up
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "chromium.sh: the console's browser test needs ${missing[*]}; run as root or apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "chromium.sh: installing ${missing[*]}" >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
warm_up
