#!/usr/bin/env bash
# Start the real services the test suite runs against, and stop again only what we started.
#   scripts/services.sh up     start what is not running; write the environment to $PPID_SERVICES_DIR/env
#   scripts/services.sh down   stop what `up` started
# Under CI=true a service that cannot start is a failure; elsewhere the suite goes on without it
# and the tests that need it are skipped with the reason.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
started_file=$PPID_SERVICES_DIR/started
env_file=$PPID_SERVICES_DIR/env
services=(postgres opensearch s3 redis)

up() {
  : >"$env_file"
  local service failed=()
  for service in "${services[@]}"; do
    if ! "$repo/scripts/$service.sh" status >/dev/null 2>&1; then
      if "$repo/scripts/$service.sh" start; then
        grep -qx "$service" "$started_file" 2>/dev/null || echo "$service" >>"$started_file"
      else
        failed+=("$service")
        continue
      fi
    else
      echo "$service already running"
    fi
    "$repo/scripts/$service.sh" env >>"$env_file"
  done
  cat >>"$env_file" <<ENV
export PPID_SERVICES_DIR=$PPID_SERVICES_DIR
export DJANGO_SETTINGS_MODULE=portal.settings.test
ENV
  if grep -q SEARCH_URLS "$env_file"; then
    printf 'export SEARCH_BACKEND=opensearch3\nexport SEARCH_INDEX_REPLICAS=0\n' >>"$env_file"
  fi
  if grep -q AWS_S3_ENDPOINT_URL "$env_file"; then
    cat >>"$env_file" <<ENV
export STORAGE_BACKEND=s3
export AWS_STORAGE_BUCKET_NAME=portal-test-public
export AWS_PRIVATE_BUCKET_NAME=portal-test-private
export AWS_S3_ADDRESSING_STYLE=path
ENV
  fi
  if [ ${#failed[@]} -gt 0 ]; then
    if [ "${CI:-}" = "true" ]; then
      echo "services: could not start: ${failed[*]} (CI=true: this is a failure)" >&2
      return 1
    fi
    echo "services: could not start: ${failed[*]}; tests that need them will be skipped" >&2
  fi
}

down() {
  [ -f "$started_file" ] || return 0
  local service
  while read -r service; do
    [ -n "$service" ] && "$repo/scripts/$service.sh" stop || true
  done <"$started_file"
  rm -f "$started_file"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env-file) echo "$env_file" ;;
  *) echo "usage: $0 up|down|env-file" >&2; exit 2 ;;
esac
