#!/usr/bin/env bash
# `npm start`: set up anything missing, build the web client, then run Pilotline on the embedded
# defaults; the server serves the client at / and the API at /graphql on the same origin.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash server/bin/setup.sh
echo "› Building the web client (client/ → client/dist)"
npm run --silent client:build
exec node --import tsx server/dev/start.ts
