#!/usr/bin/env bash
# Usage: scripts/container/offline-base.sh <image name>
# A base image for machines that reach no container registry (ours: ../shared/toolchain.md): Debian
# bookworm from its package mirror (debootstrap), with this machine's own Node.js and npm, which is
# what node:20-bookworm-slim holds. Passed to the Dockerfile as BASE; with registry access the
# Dockerfile's default base is used instead and none of this is needed.
set -euo pipefail
image="$1"
here="$(cd "$(dirname "$0")" && pwd)"
podman="$here/podman.sh"
if "$podman" image exists "$image"; then exit 0; fi
[ "$(id -u)" = "0" ] || { echo "building the offline base image needs root (debootstrap)" >&2; exit 1; }
root="$(mktemp -d "${TMPDIR:-/tmp}/bookworm-rootfs.XXXXXX")"
trap 'rm -rf "$root"' EXIT
echo "offline base: debootstrap bookworm into $root" >&2
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
node_bin="$(command -v node)"
npm_dir="$(dirname "$(readlink -f "$(command -v npm)")")/.."
install -D "$node_bin" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules"
cp -a "$(readlink -f "$npm_dir")" "$root/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
# These machines reach the npm registry through a TLS proxy with its own CA, and node-gyp cannot
# download Node's headers: both are this machine's, not the image's (a user's build needs neither).
install -D /etc/ssl/certs/ca-certificates.crt "$root/opt/host-ca/ca-certificates.crt"
mkdir -p "$root/usr/include"
cp -a /usr/include/node "$root/usr/include/node"
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | "$podman" import \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/opt/host-ca/ca-certificates.crt' \
  --change 'ENV NPM_CONFIG_CAFILE=/opt/host-ca/ca-certificates.crt' \
  --change 'ENV NPM_CONFIG_NODEDIR=/usr' \
  - "$image" >/dev/null
echo "offline base: $image imported" >&2
