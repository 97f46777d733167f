#!/usr/bin/env bash
# What the production image runs, without Docker: the compiled build with APP_ENV=production
# against a MongoDB-compatible server, checked for readiness, production GraphQL settings and a
# clean SIGTERM exit.
set -uo pipefail
cd "$(dirname "$0")/.."

fail() { echo "smoke-production: FAIL: $*"; [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null; [ -n "${mongo_pid:-}" ] && kill "$mongo_pid" 2>/dev/null; exit 1; }

npx tsc -p tsconfig.build.json || fail "the production build does not compile"

work=$(mktemp -d)
java -jar server/mongo-launcher/target/pilotline-mongo-server.jar --backend memory --host 127.0.0.1 --port 0 --ignore-stdin-eof \
  > "$work/mongo.out" 2> "$work/mongo.err" < /dev/null &
mongo_pid=$!
for _ in $(seq 1 100); do grep -q PILOTLINE_MONGO_READY "$work/mongo.out" && break; sleep 0.1; done
mongo_address=$(awk '/PILOTLINE_MONGO_READY/ {print $2}' "$work/mongo.out")
[ -n "$mongo_address" ] || fail "the database did not start: $(cat "$work/mongo.err")"

port=$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')
APP_ENV=production PORT="$port" HOST=127.0.0.1 MONGODB_URI="mongodb://$mongo_address/" \
  SESSION_SECRET=smoke-test-session-secret-of-40-characters \
  node dist/server/src/main.js > "$work/app.log" 2>&1 &
app_pid=$!

ready=""
for _ in $(seq 1 150); do
  if curl -fsS "http://127.0.0.1:$port/readyz" > /dev/null 2>&1; then ready=yes; break; fi
  kill -0 "$app_pid" 2>/dev/null || fail "the app exited: $(tail -5 "$work/app.log")"
  sleep 0.2
done
[ -n "$ready" ] || fail "/readyz never answered 200"
curl -fsS "http://127.0.0.1:$port/livez" | grep -q live || fail "/livez"
introspection=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"query":"{ __schema { types { name } } }"}' "http://127.0.0.1:$port/graphql")
[ "$introspection" = "400" ] || fail "introspection answered $introspection in production"
graphiql=$(curl -s -H 'Accept: text/html' "http://127.0.0.1:$port/graphql")
echo "$graphiql" | grep -qi graphiql && fail "GraphiQL is served in production"

kill -TERM "$app_pid"
wait "$app_pid"
status=$?
kill "$mongo_pid" 2>/dev/null
[ "$status" -eq 0 ] || fail "SIGTERM exit code was $status"
echo "smoke-production: PASS (compiled build ready, introspection refused, no GraphiQL, clean SIGTERM exit)"
