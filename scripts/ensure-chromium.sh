#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the end-to-end tests (tests/e2e), which drive it
# with Playwright. Browsers are never downloaded by Playwright itself: the system package is used.
#   scripts/ensure-chromium.sh
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
echo "Installing Chromium from the system packages..." >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq >/dev/null
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$CHROMIUM" --version >&2
