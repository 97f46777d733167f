#!/usr/bin/env bash
# Production smoke test without Docker: replays what the Dockerfile does and runs the result.
#
#  build stage   copies the Docker build context (the same files, after .dockerignore) into a staging
#                folder and runs `npm run codegen && npm run build` there (tsc -p tsconfig.build.json → dist/),
#                with the checkout's node_modules standing in for `npm ci`;
#  runtime stage lays out what the image holds: package.json, dist/, graphql/ and only the
#                production dependencies (as `npm prune --omit=dev` leaves them);
#  run           `node dist/server/src/main.js` with APP_ENV=production and a clean environment, against
#                an in-memory mongo-java-server started through server/dev/local-mongo.ts; checks
#                /readyz, /livez, that introspection is refused and GraphiQL is off, that the image
#                carries no demo seeds and no dev tooling (the local database launcher), and that
#                SIGTERM ends it with exit code 0.
#
# The staging folder keeps the checkout's dist/ and generated types untouched (others work in it).
# Also checks that the built web client is served at / with its Content-Security-Policy.
# Prints PASS or FAIL last; exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$(date +%s)
stage=$(mktemp -d "${TMPDIR:-/tmp}/pilotline-smoke.XXXXXX")
app_pid=""
mongo_pid=""

stop_pid() { # pid, seconds to wait before SIGKILL
  local pid=$1 waited=0
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $(( $2 * 10 )) ]; do sleep 0.1; waited=$((waited + 1)); done
  kill -KILL "$pid" 2>/dev/null
  return 0
}
cleanup() {
  stop_pid "$app_pid" 5
  stop_pid "$mongo_pid" 10
  rm -rf "$stage"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

elapsed() { echo "$(( $(date +%s) - started ))s"; }
fail() {
  echo "smoke-production: FAIL: $*"
  if [ -s "$stage/app.log" ]; then echo "--- last lines of the app's output"; tail -n 20 "$stage/app.log"; fi
  echo "smoke-production: FAIL after $(elapsed)"
  exit 1
}
step() { echo "== [$(elapsed)] $*"; }

for tool in node npm go java curl; do command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"; done
[ -d node_modules ] || fail "node_modules is missing: run npm ci (or npm start / npm test) first"

# ---- build stage -------------------------------------------------------------------------------
step "staging the Docker build context (files after .dockerignore) in $stage/build"
mkdir -p "$stage/build" "$stage/app"
(cd .ci/compose-check && go run . context "$root") > "$stage/context.txt" || fail "could not list the build context"
tar -C "$root" -cf - -T "$stage/context.txt" | tar -C "$stage/build" -xf - || fail "could not copy the build context"
echo "   $(wc -l < "$stage/context.txt") files"
ln -s "$root/node_modules" "$stage/build/node_modules"

step "npm run codegen && npm run build (as the Dockerfile's build stage)"
build_started=$(date +%s)
(cd "$stage/build" && npm run --silent codegen > "$stage/codegen.log" 2>&1) \
  || { tail -n 30 "$stage/codegen.log"; fail "npm run codegen failed"; }
if ! (cd "$stage/build" && npm run --silent build > "$stage/build.log" 2>&1); then
  echo "--- tsc -p tsconfig.build.json reported:"
  grep -E "error TS" "$stage/build.log" | head -n 40
  files=$(grep -oE "^[^(: ]+\.ts" "$stage/build.log" | sort -u | tr '\n' ' ')
  fail "npm run build (tsc) failed; files with errors: ${files:-see above}"
fi
[ -f "$stage/build/dist/server/src/main.js" ] || fail "the build did not produce dist/server/src/main.js"
(cd "$stage/build" && npm run --silent client:build > "$stage/client-build.log" 2>&1) \
  || { tail -n 30 "$stage/client-build.log"; fail "npm run client:build failed"; }
[ -f "$stage/build/client/dist/index.html" ] || fail "the client build did not produce client/dist/index.html"
echo "   built in $(( $(date +%s) - build_started ))s"
dev_tooling=$(cd "$stage/build/dist" && { find . -path ./server/dev -prune -print; find . -name 'local-mongo*' -o -name 'local-database*'; } | sort -u)
[ -z "$dev_tooling" ] || fail "the build carries dev tooling that production must not ship: $dev_tooling"
echo "   no dev tooling in dist/ (server/dev, the local database launcher)"

# ---- runtime stage -----------------------------------------------------------------------------
step "laying out the runtime image: package.json, dist/, graphql/, production node_modules"
cp "$stage/build/package.json" "$stage/app/"
cp -r "$stage/build/dist" "$stage/app/dist"
mkdir -p "$stage/app/client"
cp -r "$stage/build/client/dist" "$stage/app/client/dist"
cp -r "$stage/build/graphql" "$stage/app/graphql"
# The top-level production packages (each with its own nested node_modules), hard-linked where possible.
mkdir -p "$stage/app/node_modules"
npm ls --omit=dev --all --parseable 2>/dev/null | sed -n "s#^$root/node_modules/##p" | grep -v "/node_modules/" | sort -u > "$stage/prod-packages.txt"
[ -s "$stage/prod-packages.txt" ] || fail "npm ls --omit=dev listed no production packages"
while read -r package; do
  mkdir -p "$stage/app/node_modules/$(dirname "$package")"
  cp -al "$root/node_modules/$package" "$stage/app/node_modules/$package" 2>/dev/null \
    || cp -r "$root/node_modules/$package" "$stage/app/node_modules/$package" || fail "could not copy $package"
done < "$stage/prod-packages.txt"
echo "   $(wc -l < "$stage/prod-packages.txt") production packages"

step "the image carries no demo code: the demo loads from the development start path"
[ ! -e "$stage/build/seeds" ] || fail "the build context holds seeds/; .dockerignore should leave the demo out"
[ ! -e "$stage/app/dist/seeds" ] || fail "dist/ holds the demo seeds; tsconfig.build.json should build server/src only"
grep -rqs "seeds/" "$stage/app/dist/server" && fail "the compiled server refers to seeds/"

# ---- run ---------------------------------------------------------------------------------------
step "starting an in-memory mongo-java-server (server/dev/local-mongo.ts)"
"$root/node_modules/.bin/tsx" -e '
  require("./server/dev/local-mongo").startLocalMongo({ backend: "memory", port: 0 }).then((mongo) => {
    console.log("SMOKE_MONGO_URI " + mongo.uri);
    const stop = () => mongo.stop().then(() => process.exit(0), () => process.exit(1));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  }, (error) => { console.error(error.message); process.exit(1); });
' > "$stage/mongo.log" 2>&1 < /dev/null &
mongo_pid=$!
mongo_uri=""
for _ in $(seq 1 1200); do
  mongo_uri=$(sed -n 's/^SMOKE_MONGO_URI //p' "$stage/mongo.log")
  [ -n "$mongo_uri" ] && break
  kill -0 "$mongo_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$mongo_uri" ] || fail "the local MongoDB did not start: $(tail -n 5 "$stage/mongo.log")"
echo "   $mongo_uri"

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
step "node dist/server/src/main.js with APP_ENV=production on port $port (clean environment)"
app_started=$(date +%s%N)
(cd "$stage/app" && exec env -i PATH="$PATH" HOME="$HOME" \
  NODE_ENV=production APP_ENV=production MALLOC_ARENA_MAX=2 PORT="$port" HOST=127.0.0.1 \
  MONGODB_URI="$mongo_uri" MONGODB_DB=pilotline_smoke SMTP_URL="smtp://127.0.0.1:9" \
  SESSION_SECRET="smoke-$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')" \
  node dist/server/src/main.js) > "$stage/app.log" 2>&1 &
app_pid=$!

ready=""
for _ in $(seq 1 600); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = "200" ]; then ready=yes; break; fi
  kill -0 "$app_pid" 2>/dev/null || fail "the app exited before it was ready"
  sleep 0.1
done
[ -n "$ready" ] || fail "/readyz did not answer 200 within 60 s ($(curl -s "$base/readyz"))"
echo "   /readyz 200 after $(( ($(date +%s%N) - app_started) / 1000000 )) ms: $(curl -s "$base/readyz")"

livez=$(curl -s -w ' %{http_code}' "$base/livez")
[ "${livez##* }" = "200" ] && echo "$livez" | grep -q '"live"' || fail "/livez answered: $livez"
echo "   /livez: $livez"

gql() { curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$1" "$base/graphql"; }
control=$(gql '{"query":"{ __typename }"}')
[ "$(echo "$control" | tail -n 1)" = "200" ] && echo "$control" | grep -q '"__typename":"Query"' \
  || fail "a plain query { __typename } did not succeed: $control"
echo "   { __typename }: 200 (the endpoint works)"
introspection=$(gql '{"query":"{ __schema { types { name } } }"}')
introspection_status=$(echo "$introspection" | tail -n 1)
introspection_body=$(echo "$introspection" | sed '$d')
echo "$introspection_body" | grep -q '"__schema"' && fail "introspection answered in production: $introspection_body"
[ "$introspection_status" = "400" ] && echo "$introspection_body" | grep -q '"errors"' \
  || fail "introspection was not refused with 400 and errors (got $introspection_status: $introspection_body)"
echo "   { __schema { types { name } } }: refused, $introspection_status $(echo "$introspection_body" | head -c 160)"
graphiql=$(curl -s -H 'Accept: text/html' "$base/graphql")
echo "$graphiql" | grep -qi 'graphiql' && fail "GraphiQL is served in production"
echo "   GET /graphql (text/html): no GraphiQL"

page_headers=$(curl -s -D - -o "$stage/index.html" -H 'Accept: text/html' "$base/challenges")
echo "$page_headers" | head -n 1 | grep -q ' 200' && grep -q '<div id="root">' "$stage/index.html" \
  || fail "the web client is not served at a client route: $(echo "$page_headers" | head -n 1)"
echo "$page_headers" | grep -qi "^content-security-policy: default-src 'self'; script-src 'self'" \
  || fail "the web client is served without the strict Content-Security-Policy"
grep -q '<script>' "$stage/index.html" && fail "index.html has an inline script, which the CSP would block"
entry=$(grep -o '/assets/index-[^"]*\.js' "$stage/index.html" | head -n 1)
[ -n "$entry" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$base$entry")" = "200" ] || fail "the client's entry script $entry is not served"
echo "   GET /challenges (text/html): the web client, with a strict CSP; $entry served"

step "SIGTERM"
kill -TERM "$app_pid"
code=""
for _ in $(seq 1 300); do
  if ! kill -0 "$app_pid" 2>/dev/null; then wait "$app_pid"; code=$?; break; fi
  sleep 0.1
done
[ -n "$code" ] || fail "the app did not exit within 30 s of SIGTERM"
app_pid=""
[ "$code" -eq 0 ] || fail "exit code after SIGTERM was $code, not 0"
echo "   exited with code 0"

echo "smoke-production: PASS (staged image build, production deps only, web client with CSP, /readyz 200, /livez, introspection refused, no GraphiQL, SIGTERM exit 0) in $(elapsed)"
