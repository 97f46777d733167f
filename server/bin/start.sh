#!/usr/bin/env bash
# `npm start`: set up anything missing, then run Pilotline on the embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash server/bin/setup.sh
exec node --import tsx server/dev/start.ts
