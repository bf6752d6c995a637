#!/usr/bin/env bash
# Playwright drives Debian's Chromium (Playwright's own browser download cannot work offline),
# with Japanese and emoji fonts so that screenshots show host and user names as a viewer in Japan sees them.
# As root it installs what is missing; otherwise it stops with the exact command to run.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=ja 2>/dev/null | head -n 1)" ]; then
  missing+=(fonts-noto-cjk)
fi
# Computer names carry emoji too.
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null | grep -i 'emoji' | head -n 1)" ]; then
  missing+=(fonts-noto-color-emoji)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
source "$(dirname "$0")/debian-packages.sh"
install_debian_packages "the browser tests (or set CHROMIUM_PATH to an installed Chromium)" "${missing[@]}"
