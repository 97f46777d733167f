#!/usr/bin/env bash
# `npm test`: set up anything missing, type-check, then run every jest suite against a real
# in-memory mongo-java-server. Extra arguments go to jest (e.g. `npm test -- test/unit`).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash server/bin/setup.sh
echo "› Type-checking"
npx tsc -p tsconfig.json --noEmit
echo "› Running tests"
exec npx jest "$@"
