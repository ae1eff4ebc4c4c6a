#!/usr/bin/env bash
# Run by ./mvnw verify (and test) before any test, skipped with -DskipTests: checks (and, where
# it may, installs) what the suite needs beyond the JDK and Maven Central. Anything missing that
# it cannot install stops the build in its first seconds with one line saying what to install.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"

say() { echo "test prerequisites: $*" >&2; }
stop() { say "$*"; exit 1; }

# Debian packages: installed when we are root and apt works, else named in one line.
apt_install() {
  local what="$1"; shift
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing $what (apt-get install -y $*)…"
    if apt-get install -y "$@" >/dev/null 2>&1 \
        || { apt-get update >/dev/null 2>&1 && apt-get install -y "$@" >/dev/null 2>&1; }; then
      return 0
    fi
  fi
  stop "$what is needed: sudo apt-get install -y $*"
}

# Browser tests drive Debian's Chromium through its driver.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt_install "Chromium and its driver (browser tests)" chromium chromium-driver
fi

# The stripe-node suite needs Node.js 20 or newer and npm (it installs stripe-node itself).
node_major() { node -e 'console.log(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null || ! command -v npm >/dev/null || [ "$(node_major)" -lt 20 ]; then
  command -v node >/dev/null && [ "$(node_major)" -lt 20 ] \
    && stop "Node.js 20 or newer is needed for the stripe-node suite (found $(node --version))"
  apt_install "Node.js and npm (stripe-node suite)" nodejs npm
  [ "$(node_major)" -ge 20 ] || stop "Node.js 20 or newer is needed (Debian gave $(node --version))"
fi
if [ ! -d sdk-tests/node/node_modules/stripe ]; then
  say "installing stripe-node for the SDK suite (npm ci)…"
  (cd sdk-tests/node && npm ci --no-audit --no-fund >/dev/null 2>&1) \
    || stop "npm ci in sdk-tests/node failed: the npm registry must be reachable"
fi

# PostgreSQL comes as embedded-postgres binaries from Maven Central: nothing to install.
