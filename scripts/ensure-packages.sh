#!/usr/bin/env bash
# Usage: scripts/ensure-packages.sh <what needs them> <command or /path>=<debian package>...
# Installs the Debian packages whose command (or file) is missing (scripts/debian-packages.sh).
set -euo pipefail
source "$(dirname "$0")/debian-packages.sh"
purpose="$1"
shift
missing=()
for pair in "$@"; do
  probe="${pair%%=*}"
  package="${pair#*=}"
  if [[ "$probe" == /* ]]; then [ -e "$probe" ] || missing+=("$package"); else command -v "$probe" >/dev/null 2>&1 || missing+=("$package"); fi
done
[ ${#missing[@]} -eq 0 ] || install_debian_packages "$purpose" "${missing[@]}"
