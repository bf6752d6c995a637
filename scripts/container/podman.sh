#!/usr/bin/env bash
# podman as these machines can run it (../shared/toolchain.md): runc with cgroupfs, since crun refuses
# hybrid cgroups, and no default ulimits, which the kernel here does not let a container set.
set -euo pipefail
conf="${TMPDIR:-/tmp}/parsec-viewer-containers.conf"
[ -f "$conf" ] || printf '[containers]\ndefault_ulimits = []\n' >"$conf"
export CONTAINERS_CONF="$conf"
exec podman --runtime runc --cgroup-manager=cgroupfs "$@"
