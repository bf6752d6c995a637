#!/usr/bin/env bash
# The container image, for real: build it with podman from the Dockerfile (on an offline base,
# since these machines reach no registry; CONTAINER_BASE names another), start it on a fresh volume,
# check that it runs as its own user, that its HEALTHCHECK passes and its size, then sign in with the
# one-time password from its log and see the demo's events (e2e/container/, in Chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/ensure-packages.sh "the container image test" podman=podman runc=runc debootstrap=debootstrap
podman=scripts/container/podman.sh
base="${CONTAINER_BASE:-localhost/bookworm-node20:local}"
[ -n "${CONTAINER_BASE:-}" ] || bash scripts/container/offline-base.sh "$base"
image=localhost/parsec-viewer:test
"$podman" build --quiet --format docker --network=host --build-arg BASE="$base" -t "$image" . >/dev/null

size=$("$podman" image inspect --format '{{.Size}}' "$image")
base_size=$("$podman" image inspect --format '{{.Size}}' "$base")
own=$(( (size - base_size) / 1000000 ))
echo "image: $((size / 1000000)) MB, of which the base $((base_size / 1000000)) MB and the viewer's own layers ${own} MB"
# node:20-bookworm-slim, the default base, is about 200 MB: the viewer's part keeps the image under 400 MB.
if [ "$own" -ge 200 ]; then echo "the viewer's layers weigh ${own} MB: over the 200 MB that keeps the image under 400 MB" >&2; exit 1; fi

port="${CONTAINER_PORT:-3390}"
name="parsec-viewer-test-$$"
volume="$(mktemp -d "${TMPDIR:-/tmp}/parsec-viewer-volume.XXXXXX")"
chown 10001:10001 "$volume" 2>/dev/null || chmod 777 "$volume"
mkdir -p data/container test-results/container
log="$PWD/data/container/server.log"
cleanup() {
  "$podman" logs "$name" >"$log" 2>&1 || true
  "$podman" rm -f "$name" >/dev/null 2>&1 || true
  rm -rf "$volume"
}
trap cleanup EXIT
"$podman" run -d --name "$name" --net=host -e PORT="$port" -e DEMO_EVENTS=2000 -v "$volume:/data" "$image" >/dev/null

for attempt in $(seq 1 120); do
  if node -e "fetch('http://127.0.0.1:$port/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then break; fi
  if [ "$("$podman" inspect --format '{{.State.Running}}' "$name")" != "true" ]; then
    echo "the container stopped:" >&2; "$podman" logs "$name" >&2; exit 1
  fi
  [ "$attempt" -lt 120 ] || { echo "the container did not answer /api/health within 120 s:" >&2; "$podman" logs "$name" >&2; exit 1; }
  sleep 1
done
uid=$("$podman" exec "$name" id -u)
[ "$uid" = "10001" ] || { echo "the server runs as uid $uid, not the image's own user (10001)" >&2; exit 1; }
"$podman" healthcheck run "$name" >/dev/null || { echo "the image's HEALTHCHECK fails" >&2; exit 1; }
[ -f "$volume/parsec-audit.db" ] || { echo "the database is not in the /data volume" >&2; exit 1; }
"$podman" logs "$name" >"$log" 2>&1
CONTAINER_URL="http://127.0.0.1:$port" CONTAINER_LOG="$log" npx playwright test -c e2e/container/playwright.config.ts
echo "container image: built, started, healthy, signed in, demo events shown"
