#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run them (arguments go to pytest).
#  - Debian's chromium and chromium-driver, for the browser tests (installed when missing)
#  - a virtual environment in .venv with the project and its test dependencies
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi

python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
.venv/bin/pytest "$@"
