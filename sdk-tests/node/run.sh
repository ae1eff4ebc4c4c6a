#!/usr/bin/env bash
# Runs the stripe-node suite against a freshly started ./tally serve (called by ./mvnw verify).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v node >/dev/null || { echo "sdk-tests/node: node (>= 20) is required" >&2; exit 1; }
cd "$here"
if [ ! -d node_modules/stripe ]; then
  npm ci --no-audit --no-fund >/dev/null
fi
work=$(mktemp -d)
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
port=$(free_port)
key=sk_test_node$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
other=sk_test_nodeother$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
TALLY_API_KEYS="$key,$other" "$root/tally" serve --host 127.0.0.1 --port "$port" --db "$work/tally.db" \
  >"$work/server.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 300); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; then break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
# Every response the SDK gets passes a proxy that checks it against stripe-java's models
# (tally.testing.RecordingProxy): the suite fails on any object or field Stripe does not have.
proxy_port=$(free_port)
. "$root/.mvn/jdk.sh"
"$JAVA_HOME/bin/java" -cp "$root/target/test-classes:$root/target/classes:$(cat "$root/target/test-classpath.txt")" \
  tally.testing.RecordingProxy "$proxy_port" "http://127.0.0.1:$port" "$work/shapes.txt" \
  >"$work/proxy.log" 2>&1 &
proxy=$!
cleanup() {
  kill "$proxy" "$pid" 2>/dev/null || true; wait "$proxy" "$pid" 2>/dev/null || true; rm -rf "$work"
}
for _ in $(seq 1 300); do
  if curl -fs -o /dev/null "http://127.0.0.1:$proxy_port/healthz"; then break; fi
  kill -0 "$proxy" 2>/dev/null || { cat "$work/proxy.log" >&2; exit 1; }
  sleep 0.1
done
# A failing test does not hide the shape report: both are printed, either fails the suite.
status=0
TALLY_PORT="$proxy_port" TALLY_KEY="$key" TALLY_OTHER_KEY="$other" node --test --test-concurrency=1 --test-timeout=60000 test/*.test.js || status=$?
if [ -s "$work/shapes.txt" ]; then
  echo "sdk-tests/node: responses that do not match stripe-java's models:" >&2
  sort -u "$work/shapes.txt" >&2
  exit 1
fi
[ "$status" -eq 0 ] || exit "$status"
echo "sdk-tests/node: every JSON response matched stripe-java's models"
