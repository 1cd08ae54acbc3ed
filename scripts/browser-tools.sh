#!/usr/bin/env bash
# What the browser tests need: Debian's Chromium (never a downloaded browser) and axe-core from npm.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if ! command -v chromium >/dev/null 2>&1; then
  echo "browser-tools: installing Debian's chromium package" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f "$repo/node_modules/axe-core/axe.min.js" ]; then
  echo "browser-tools: installing axe-core from the npm registry" >&2
  (cd "$repo" && npm ci --no-audit --no-fund --silent)
fi
echo "browser tools: $(chromium --version 2>/dev/null | head -1), axe-core $(node -p "require('$repo/node_modules/axe-core/package.json').version")"
