#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run them (arguments go to pytest).
#  - Debian's chromium and chromium-driver, for the browser tests
#  - Debian's virtuoso-opensource, the second real store the push and remote queries are tested on
#  - Node's npm when missing, and Comunica (@comunica/query-sparql) in tests/.npm/, a SPARQL client
#  - a virtual environment in .venv with the project and its test dependencies
# Each is installed only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/debian-packages.sh

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v virtuoso-t >/dev/null || missing+=(virtuoso-opensource)
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    install_debian_packages "${missing[@]}"
fi

# Comunica 4.5 runs on Node 20 (5.x needs a newer Node); the version is pinned for the same reason
COMUNICA_VERSION=4.5.0
if [ ! -f "tests/.npm/node_modules/@comunica/query-sparql/package.json" ] ||
   ! grep -q "\"version\": \"$COMUNICA_VERSION\"" tests/.npm/node_modules/@comunica/query-sparql/package.json; then
    npm install --prefix tests/.npm --no-audit --no-fund --silent "@comunica/query-sparql@$COMUNICA_VERSION"
fi

python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
.venv/bin/pytest "$@"
