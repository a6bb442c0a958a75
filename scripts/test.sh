#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run them (arguments go to pytest).
#  - Debian's chromium and chromium-driver, for the browser tests (installed when missing)
#  - a virtual environment in .venv with the project and its test dependencies
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/debian-packages.sh

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    install_debian_packages chromium chromium-driver
fi

python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
.venv/bin/pytest "$@"
