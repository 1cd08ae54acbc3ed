#!/usr/bin/env bash
# `make test`: real services up, checks, the whole suite, then stop what we started.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/portal/test_health.py -k storage
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
started_at=$(date +%s)

# The search cluster test stops its nodes itself; this catches an interrupted run.
trap 'scripts/opensearch.sh cluster-stop >/dev/null 2>&1 || true; scripts/services.sh down' EXIT
if ! scripts/browser-tools.sh; then
  [ "${CI:-}" = "true" ] && { echo "browser tools could not be installed" >&2; exit 1; }
  echo "browser tools missing: the browser tests will be skipped" >&2
fi
scripts/services.sh up
# shellcheck disable=SC1090
. "$(scripts/services.sh env-file)"
if [ -n "${SEARCH_URLS:-}" ]; then
  python3 - "${SEARCH_URLS%%,*}" <<'PY'
import json, sys, urllib.request
version = json.load(urllib.request.urlopen(sys.argv[1], timeout=10))["version"]
print("search engine under test:", version.get("distribution", "elasticsearch"), version["number"])
PY
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python manage.py makemigrations --check --dry-run
scripts/audit.sh
.venv/bin/pytest "$@"
echo "make test: finished in $(( $(date +%s) - started_at )) s"
