#!/usr/bin/env bash
# `npm start`: set up anything missing, build the web client, then run Pilotline on the embedded
# defaults; the server serves the client at / and the API at /graphql on the same origin.
# package.json runs this with `exec` and it execs node in turn, so npm's child is the server
# itself: on Ctrl-C npm waits for the server's drain and exits with its status, instead of
# seeing an intermediate shell die of the signal (exit 130/143) while requests are in flight.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash server/bin/setup.sh
echo "› Building the web client (client/ → client/dist)"
npm run --silent client:build
# glibc gives each thread that mallocs its own arena (up to 8 per core) and rarely hands an arena's
# free pages back, so threadpool and V8 helper threads each keep tens of MB (argon2 alone leaves a
# 19 MiB block per thread that hashed): RSS wandered by 200 MB in a soak while the heap stayed flat.
# With two arenas the freed memory is shared and reused instead; see "Memory" in README.md.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec node --import tsx server/dev/start.ts
