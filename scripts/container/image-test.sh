#!/usr/bin/env bash
# The container image, for real: build it with podman from the Dockerfile (on an offline base,
# since these machines reach no registry; CONTAINER_BASE names another), start it on a fresh volume,
# check that it runs as its own user, that its HEALTHCHECK passes and its size, then sign in with the
# one-time password from its log and see the demo's events (e2e/container/, in Chromium). Then the
# command-line tools inside it (viewer-cli), as an operator runs them: a backup while the server
# runs, a reset admin password that signs in, and with the server stopped, a restore that refuses the
# full store, one onto a fresh volume and two with --force that replace the store, each counted back.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/ensure-packages.sh "the container image test" podman=podman runc=runc debootstrap=debootstrap
podman=scripts/container/podman.sh
base="${CONTAINER_BASE:-localhost/bookworm-node20:local}"
[ -n "${CONTAINER_BASE:-}" ] || bash scripts/container/offline-base.sh "$base"
image=localhost/parsec-viewer:test
mkdir -p data/container test-results/container
# The build's own output (apt, npm, next build) goes to a file, shown only when the build fails.
if ! "$podman" build --format docker --network=host --build-arg BASE="$base" -t "$image" . >data/container/build.log 2>&1; then
  tail -n 60 data/container/build.log >&2
  echo "podman build failed; the whole log is data/container/build.log" >&2
  exit 1
fi

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
log="$PWD/data/container/server.log"
cleanup() {
  "$podman" logs "$name" >"$log" 2>&1 || true
  "$podman" rm -f "$name" >/dev/null 2>&1 || true
  rm -rf "$volume"
}
trap cleanup EXIT
# Without systemd podman cannot schedule the HEALTHCHECK's timer (and says so); it is run by hand below.
"$podman" run -d --name "$name" --net=host -e PORT="$port" -e DEMO_EVENTS=2000 -v "$volume:/data" "$image" 2>&1 >/dev/null | grep -v "systemd connection" >&2 || true
[ "$("$podman" inspect --format '{{.State.Running}}' "$name" 2>/dev/null)" = "true" ] || { echo "the container did not start" >&2; exit 1; }

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
CONTAINER_URL="http://127.0.0.1:$port" CONTAINER_LOG="$log" npx playwright test -c e2e/container/playwright.config.ts --grep "one-time password from its log"

# The command-line tools. capture runs a command and keeps its exit code, standard output and
# standard error apart (in $code, $scratch/out, $err), since each check looks at one of them.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/parsec-viewer-cli.XXXXXX")"
fresh="$(mktemp -d "${TMPDIR:-/tmp}/parsec-viewer-volume.XXXXXX")"
empty="$(mktemp -d "${TMPDIR:-/tmp}/parsec-viewer-volume.XXXXXX")"
chown 10001:10001 "$fresh" "$empty" 2>/dev/null || chmod 777 "$fresh" "$empty"
trap 'cleanup; rm -rf "$scratch" "$fresh" "$empty"' EXIT
capture() {
  set +e
  "$@" >"$scratch/out" 2>"$scratch/err"
  code=$?
  set -e
  err="$(cat "$scratch/err")"
}
fail() {
  echo "$1" >&2
  [ -z "${err:-}" ] || printf 'its standard error:\n%s\n' "$err" >&2
  exit 1
}
# A one-off container on a volume, as `docker run --rm -v viewer-data:/data parsec-viewer viewer-cli ...` is.
offline_cli() {
  local data="$1"
  shift
  "$podman" run --rm --net=none --no-healthcheck -v "$data:/data" "$@"
}
# What a store holds, counted by the tool itself: the lines of an NDJSON export of every event.
exported() {
  offline_cli "$1" "$image" viewer-cli export --format ndjson >"$scratch/export.ndjson" 2>"$scratch/export.err" \
    || { err="$(cat "$scratch/export.err")"; fail "viewer-cli export failed on $1"; }
  wc -l <"$scratch/export.ndjson"
}

capture "$podman" exec "$name" viewer-cli no-such-command
[ "$code" = 2 ] || fail "viewer-cli with an unknown command exited with $code, not 2"
for command in backup restore export db:migrate reset-admin-password; do
  grep -q "^  $command" <<<"$err" || fail "viewer-cli's help does not list $command"
done

"$podman" exec "$name" mkdir -p /data/backups
capture "$podman" exec "$name" viewer-cli backup /data/backups/cli.db
[ "$code" = 0 ] || fail "viewer-cli backup (server running) exited with $code"
backed_up="$(sed -nE 's|^backup: ([0-9]+) events \(.* MB\) to /data/backups/cli\.db in .*|\1|p' <<<"$err")"
[ -n "$backed_up" ] || fail "viewer-cli backup did not report what it wrote"
[ "$backed_up" -gt 0 ] || fail "the backup holds no events, though the explorer showed the demo's"
[ "$(stat -c %u "$volume/backups/cli.db")" = 10001 ] || fail "the backup is not owned by the image's user (10001)"
# Counted apart from the tool, in a copy, so that opening it leaves nothing of root's in the volume.
cp "$volume/backups/cli.db" "$scratch/copy.db"
in_file="$(node -e 'const Database = require("better-sqlite3"); const db = new Database(process.argv[1], { readonly: true }); console.log(db.prepare("SELECT count(*) AS n FROM Event").get().n)' "$scratch/copy.db")"
[ "$in_file" = "$backed_up" ] || fail "the backup file holds $in_file events, viewer-cli backup reported $backed_up"
"$podman" healthcheck run "$name" >/dev/null || fail "the server is not healthy after the backup"
capture "$podman" exec "$name" viewer-cli backup /data/backups/cli.db
[ "$code" = 2 ] && grep -q "exists: choose another name, or add --force" <<<"$err" || fail "a second backup onto the same file was not refused (exit $code)"
capture "$podman" exec "$name" viewer-cli db:migrate
[ "$code" = 0 ] && grep -q "is up to date" "$scratch/out" || fail "viewer-cli db:migrate on the running server's store failed (exit $code)"

capture "$podman" exec "$name" viewer-cli reset-admin-password admin@localhost
[ "$code" = 0 ] || fail "viewer-cli reset-admin-password exited with $code"
reset="$(sed -nE 's/^One-time password: (.+)$/\1/p' "$scratch/out")"
[ -n "$reset" ] || fail "viewer-cli reset-admin-password printed no one-time password"
CONTAINER_URL="http://127.0.0.1:$port" CONTAINER_RESET_PASSWORD="$reset" npx playwright test -c e2e/container/playwright.config.ts --grep "after viewer-cli reset-admin-password"

# The rest with the server stopped, as a restore wants the store to itself.
# As at the start, podman says it cannot reach systemd for the HEALTHCHECK's timer: that line is dropped.
"$podman" stop -t 30 "$name" 2>&1 >/dev/null | grep -v "systemd connection" >&2 || true
[ "$("$podman" inspect --format '{{.State.Running}}' "$name")" = "false" ] || fail "the server's container did not stop"
held="$(exported "$volume")"
[ "$held" -ge "$backed_up" ] || fail "the stopped server's store exports $held events, fewer than the $backed_up backed up from it"
capture offline_cli "$volume" "$image" viewer-cli restore /data/backups/cli.db
[ "$code" = 2 ] || fail "viewer-cli restore onto the store that holds events exited with $code, not 2"
grep -qE "^restore: /data/parsec-audit\.db holds $held events: add --force to replace them with the backup's $backed_up$" <<<"$err" \
  || fail "viewer-cli restore's refusal does not say that the store holds $held events and that --force replaces them"
after_refusal="$(exported "$volume")"
[ "$after_refusal" = "$held" ] || fail "the refused restore changed the store: it exports $after_refusal events, $held before"

capture offline_cli "$fresh" -v "$volume/backups:/backups:ro" "$image" viewer-cli restore /backups/cli.db
[ "$code" = 0 ] || fail "viewer-cli restore onto a fresh volume exited with $code"
grep -qE "^restore: $backed_up events restored$" <<<"$err" || fail "viewer-cli restore did not report the backup's $backed_up events"
restored="$(exported "$fresh")"
[ "$restored" = "$backed_up" ] || fail "the fresh volume exports $restored events after the restore, the backup holds $backed_up"

# --force, first with a backup of an empty store (taken offline, on a volume of its own), so that
# what it replaced shows whatever the two counts above, then with the real backup again.
capture offline_cli "$empty" "$image" viewer-cli backup /data/empty.db
[ "$code" = 0 ] && grep -qE "^backup: 0 events " <<<"$err" || fail "viewer-cli backup of an empty store (no server) failed or did not report 0 events (exit $code)"
capture offline_cli "$volume" -v "$empty:/elsewhere:ro" "$image" viewer-cli restore /elsewhere/empty.db --force
[ "$code" = 0 ] || fail "viewer-cli restore --force exited with $code"
grep -qE "^restore: 0 events restored \(replacing $held\)$" <<<"$err" || fail "viewer-cli restore --force did not report replacing the store's $held events with none"
emptied="$(exported "$volume")"
[ "$emptied" = 0 ] || fail "after restore --force of an empty store's backup the store exports $emptied events"
capture offline_cli "$volume" "$image" viewer-cli restore /data/backups/cli.db --force
[ "$code" = 0 ] && grep -qE "^restore: $backed_up events restored$" <<<"$err" || fail "viewer-cli restore --force of the backup failed or did not report its $backed_up events (exit $code)"
replaced="$(exported "$volume")"
[ "$replaced" = "$backed_up" ] || fail "after restore --force of the backup the store exports $replaced events, the backup holds $backed_up"

echo "container image: built, started, healthy, signed in, demo events shown; viewer-cli backed up $backed_up events while it ran, reset the admin's password that then signed in, refused a restore onto the $held events of the stopped store, restored $restored onto a fresh volume, and with --force none and then $replaced"
