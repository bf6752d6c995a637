# Sourced by the scripts that make sure a test's Debian packages are present (ensure-chromium.sh,
# ensure-packages.sh): one way to install them, so a fresh machine gets them from `npm test` alone.

# install_debian_packages [--no-install-recommends] <what needs them> <package>...: as root,
# installs them with apt-get (waiting out another install that holds apt's locks); otherwise stops
# with the command to run.
install_debian_packages() {
  local recommends=()
  if [ "$1" = "--no-install-recommends" ]; then
    recommends=(--no-install-recommends)
    shift
  fi
  local purpose="$1"
  shift
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages for $purpose: $*" >&2
    export DEBIAN_FRONTEND=noninteractive
    local attempt
    for attempt in $(seq 1 60); do
      if apt-get -o DPkg::Lock::Timeout=120 update -qq >&2 && apt-get -o DPkg::Lock::Timeout=120 install -y -qq "${recommends[@]}" "$@" >&2; then
        return 0
      fi
      echo "apt-get failed (attempt $attempt); trying again in 5 s" >&2
      sleep 5
    done
    return 1
  fi
  echo "$purpose needs Debian's packages: $*. Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${recommends[*]} $*" >&2
  echo "then run the tests again." >&2
  return 1
}
