#!/usr/bin/env bash
# Proves the README's two commands work as a newcomer types them: a clean clone in a temporary
# directory, no JAVA_HOME, the commands read out of the README itself. With --serve-only it checks
# the first command only and that the second is the one .ci/run runs itself (CI's checkout is
# already a clean clone, so the suite runs once there).
set -euo pipefail
serve_only=false
[ "${1:-}" = --serve-only ] && serve_only=true
repo="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
say() { echo "fresh-clone-check: $*" >&2; }

# The first ```sh block under "## The two commands": line 1 starts the server, line 2 runs tests.
mapfile -t commands < <(awk '
  /^## The two commands/ { section = 1; next }
  section && /^```sh/ { block = 1; next }
  block && /^```/ { exit }
  block { sub(/[ \t]*#.*/, ""); if (length($0)) print }' "$repo/README.md")
[ "${#commands[@]}" = 2 ] || { say "expected two commands in the README, found ${#commands[@]}"; exit 1; }
serve_cmd=${commands[0]}
test_cmd=${commands[1]}
say "README says: start with '$serve_cmd', test with '$test_cmd'"
if $serve_only && [ "$test_cmd" != "./mvnw verify" ]; then
  say "the README's test command is not './mvnw verify', which .ci/run runs: change both together"
  exit 1
fi

git clone --quiet "$repo" "$work/tally"
cd "$work/tally"

say "starting '$serve_cmd' in a clean clone (no JAVA_HOME)…"
env -u JAVA_HOME bash -c "exec $serve_cmd" >"$work/serve.log" 2>&1 &
server=$!
started=$SECONDS
until curl -fs -o /dev/null http://127.0.0.1:12111/healthz; do
  if ! kill -0 "$server" 2>/dev/null; then
    say "the server stopped before it was ready:"; cat "$work/serve.log" >&2; exit 1
  fi
  if [ $((SECONDS - started)) -gt 600 ]; then
    say "not ready after 600 s:"; cat "$work/serve.log" >&2; exit 1
  fi
  sleep 0.5
done
say "ready after $((SECONDS - started)) s; what it printed (keys masked):"
# The first start prints a new account's key once; a CI log is no place for it, even a throwaway.
sed -E 's/(sk_(test|live)_)[A-Za-z0-9]+([A-Za-z0-9]{4})/\1************\3/g; s/^/  | /' \
  "$work/serve.log" >&2
grep -q "building" "$work/serve.log" || { say "the first start did not say it was building"; exit 1; }
grep -q "built in" "$work/serve.log" || { say "the first start did not say how long the build took"; exit 1; }
if grep -q "Downloading from\|Downloaded from" "$work/serve.log"; then
  say "Maven's download progress reached the log"; exit 1
fi
kill "$server"; wait "$server" 2>/dev/null || true; server=
if $serve_only; then
  say "the README's serve command works from a clean clone"
  exit 0
fi

say "running '$test_cmd' in the clean clone (no JAVA_HOME)…"
env -u JAVA_HOME bash -c "$test_cmd"
say "both README commands work from a clean clone"
