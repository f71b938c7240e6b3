#!/usr/bin/env bash
# Installs, builds and serves Pacer on a fresh Debian machine: Chromium and CJK fonts for the
# briefing books (apt-get, as root, when absent), the npm packages, the build, then the server
# (embedded PGlite in ./data unless DATABASE_URL is set; the catalogue is loaded at start-up).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system-packages.sh
ensure_packages --optional chromium fonts-noto-cjk
npm ci --loglevel=warn --no-audit --no-fund
npm run build --loglevel=warn
exec npm start
