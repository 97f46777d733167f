#!/usr/bin/env bash
# `npm start`: set up anything missing, then run Pilotline on the embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash server/bin/setup.sh
# The demo is development tooling: it loads here, before the server starts, so the server (and the
# production image) carries no demo code. It does nothing on a database that has accounts.
node --import tsx seeds/cli.ts --if-empty
exec node --import tsx server/src/main.ts
