#!/usr/bin/env bash
# Installs the web app's npm packages (from package-lock.json) and builds web/dist, each only
# when its inputs changed. Called by `make run` and `make test` after tools/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null; then
  echo "web: npm is missing (tools/setup.sh installs it)" >&2
  exit 1
fi

# Packages: `npm ci` when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "web: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Build: when web/dist is missing or any input is newer than its index.html.
if [ "${1:-}" = "--force" ] || [ ! -f dist/index.html ] || [ -n "$(find src index.html public package-lock.json \
      vite.config.ts tsconfig.json ../api/openapi.yaml -newer dist/index.html -print -quit 2>/dev/null)" ]; then
  echo "web: building web/dist"
  # The build also writes name.gz beside each text file (scripts/compress.mjs).
  npm run --silent build
fi
