#!/usr/bin/env bash
# A private PostgreSQL cluster for the test suite: Debian's server binaries, our own data directory
# under $PPID_SERVICES_DIR, a free loopback port, run as the unprivileged `postgres` user.
# Usage: scripts/postgres.sh start|stop|status|env
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
state_dir=$PPID_SERVICES_DIR/postgres
data_dir=$state_dir/data
port_file=$state_dir/port
log_file=$state_dir/postgres.log
db_name=portal
db_user=portal

log() { echo "postgres: $*" >&2; }

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

install_server() {
  pg_bin >/dev/null && return 0
  log "installing Debian's postgresql package"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
    log "could not install postgresql with apt-get"; return 1
  fi
  # The package starts a system cluster we do not use.
  (service postgresql stop || pg_ctlcluster --help) >/dev/null 2>&1 || true
}

as_postgres() { runuser -u postgres -- "$@"; }

is_up() {
  [ -f "$port_file" ] && [ -d "$data_dir" ] || return 1
  as_postgres "$(pg_bin)/pg_ctl" -D "$data_dir" status >/dev/null 2>&1 || return 1
  "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$(cat "$port_file")"
}

start() {
  if is_up; then
    echo "postgres already running on 127.0.0.1:$(cat "$port_file")"
    return 0
  fi
  install_server
  local bin; bin=$(pg_bin)
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  mkdir -p "$state_dir"
  chown postgres: "$state_dir"
  if [ ! -f "$data_dir/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  local port=${POSTGRES_PORT:-$(free_port)}
  echo "$port" >"$port_file"
  # Tuned for throw-away test data: durability off, so the suite does not wait on fsync.
  as_postgres "$bin/pg_ctl" -D "$data_dir" -l "$log_file" -w -t 60 start -o \
    "-h 127.0.0.1 -p $port -k $state_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
    || { log "failed to start; last log lines:"; tail -n 50 "$log_file" >&2; return 1; }
  local psql=("$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
  if ! "${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname='$db_user'" | grep -q 1; then
    "${psql[@]}" -c "CREATE ROLE $db_user LOGIN SUPERUSER PASSWORD '$db_user'"
  fi
  if ! "${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname='$db_name'" | grep -q 1; then
    "${psql[@]}" -c "CREATE DATABASE $db_name OWNER $db_user"
  fi
  echo "postgres $("$bin/postgres" --version | awk '{print $3}') ready at 127.0.0.1:$port"
}

stop() {
  [ -d "$data_dir" ] || return 0
  local bin; bin=$(pg_bin) || return 0
  if as_postgres "$bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null
    log "stopped"
  fi
}

env_lines() {
  [ -f "$port_file" ] || { log "not started"; return 1; }
  echo "export DATABASE_URL=postgres://$db_user:$db_user@127.0.0.1:$(cat "$port_file")/$db_name"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) is_up ;;
  env) env_lines ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
