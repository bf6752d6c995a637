#!/usr/bin/env bash
# npm test: every test the project has. Type check, lint (oxlint: correctness and the store seam's
# import rules), formatting (prettier), unit and integration tests (vitest: real HTTP against the
# simulated Parsec API, real SQLite files), the production build and the browser tests in Debian's
# Chromium, then the container image built and run with podman. Never skips the browser or the
# image tests: without their Debian packages it installs them (as root) or stops with the command to run.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== type check"
npx tsc --noEmit
echo "== lint"
npm run --silent lint
echo "== format"
npm run --silent format:check
echo "== unit and integration tests"
bash scripts/ensure-rsyslog.sh
npx vitest run
echo "== browser tests"
bash scripts/ensure-chromium.sh
npx next build
npx playwright test
echo "== container image"
bash scripts/container/image-test.sh
