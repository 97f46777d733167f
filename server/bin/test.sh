#!/usr/bin/env bash
# `npm test`: set up anything missing, type-check, run every jest suite against a real in-memory
# mongo-java-server, then build the web client and run its component tests and browser journeys.
# Extra arguments go to jest; naming test files (e.g. `npm test -- test/integration/auth.test.ts`)
# runs just those jest files. CLIENT_TEST_REPORT=<file> makes vitest write its JSON report there.
set -uo pipefail
cd "$(dirname "$0")/../.."
bash server/bin/setup.sh || exit 1
echo "› Type-checking"
npx tsc -p tsconfig.json --noEmit || exit 1
npx tsc -p client/tsconfig.json || exit 1
echo "› Running tests"
status=0
npx jest "$@" || status=$?

for arg in "$@"; do
  case "$arg" in -*) ;; *) exit "$status" ;; esac # a chosen test file: jest only
done

echo "› Building the web client"
npm run --silent client:build || exit 1
node client/bin/bundle-size.mjs || status=1
echo "› Web client: component tests and browser journeys (vitest, playwright-core + Debian chromium, axe)"
report=()
[ -n "${CLIENT_TEST_REPORT:-}" ] && report=(--reporter=default --reporter=json --outputFile.json="$CLIENT_TEST_REPORT")
VITE_CONFIG_NATIVE_IGNORE_WARNING=true npx vitest run --config client/vite.config.mts "${report[@]}" || status=1
exit "$status"
