#!/usr/bin/env bash
# A private Redis for the page cache (shared by app servers in production): Debian's redis-server,
# our own state under $PPID_SERVICES_DIR, a free loopback port, no persistence, run as `redis`.
# Usage: scripts/redis.sh start|stop|status|env
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
state_dir=$PPID_SERVICES_DIR/redis
port_file=$state_dir/port
pid_file=$state_dir/redis.pid
log_file=$state_dir/redis.log

log() { echo "redis: $*" >&2; }

install_server() {
  command -v redis-server >/dev/null && return 0
  log "installing Debian's redis-server package"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }; then
    log "could not install redis-server with apt-get"; return 1
  fi
  # The package may start a system instance we do not use.
  (service redis-server stop || true) >/dev/null 2>&1
}

is_up() {
  [ -f "$port_file" ] && [ -f "$pid_file" ] || return 1
  kill -0 "$(cat "$pid_file")" 2>/dev/null || return 1
  [ "$(redis-cli -h 127.0.0.1 -p "$(cat "$port_file")" ping 2>/dev/null)" = "PONG" ]
}

start() {
  if is_up; then
    echo "redis already running on 127.0.0.1:$(cat "$port_file")"
    return 0
  fi
  install_server
  id redis >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin redis
  mkdir -p "$state_dir"
  chown redis: "$state_dir"
  local port=${REDIS_PORT:-$(free_port)}
  echo "$port" >"$port_file"
  runuser -u redis -- redis-server --bind 127.0.0.1 --port "$port" --dir "$state_dir" \
    --daemonize yes --pidfile "$pid_file" --logfile "$log_file" --save "" --appendonly no \
    --maxmemory 256mb --maxmemory-policy allkeys-lru
  local tries=0
  until is_up; do
    tries=$((tries + 1))
    [ $tries -gt 50 ] && { log "failed to start; last log lines:"; tail -n 30 "$log_file" >&2; return 1; }
    sleep 0.2
  done
  echo "redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) ready at 127.0.0.1:$port"
}

stop() {
  [ -f "$pid_file" ] || return 0
  if kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    redis-cli -h 127.0.0.1 -p "$(cat "$port_file")" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$pid_file")"
    log "stopped"
  fi
  rm -f "$pid_file"
}

env_lines() {
  [ -f "$port_file" ] || { log "not started"; return 1; }
  echo "export CACHE_URL=redis://127.0.0.1:$(cat "$port_file")/0"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) is_up ;;
  env) env_lines ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
