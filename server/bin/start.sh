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
exec node --import tsx server/dev/start.ts
