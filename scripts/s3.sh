#!/usr/bin/env bash
# Local S3-compatible object store for the test suite.
#
# Runs S3Proxy (https://github.com/gaul/s3proxy) with its on-disk "filesystem"
# backend and AWS Signature V4 authentication, bound to 127.0.0.1 only.
# The official self-contained jar (classifier jar-with-dependencies) is taken
# from Maven Central with `mvn`, so ~/.m2 is the download cache.
#
# Usage: scripts/s3.sh start|stop|restart|status|env|selftest
#
# Environment (all optional):
#   PPID_SERVICES_DIR     state root (default: see scripts/lib.sh); we use ./s3/ in it
#   S3_PORT               TCP port on 127.0.0.1. If set and taken by another
#                         program, `start` fails. If unset, the port of our running
#                         instance, else the first free one in 9000..9099 (several
#                         clones may each run their own services).
#   S3_ACCESS_KEY_ID      access key (default portal-test)
#   S3_SECRET_ACCESS_KEY  secret key (default portal-test-secret-key)
#   S3_AUTHORIZATION      aws-v4 (default, like AWS today) or aws-v2-or-v4
#   S3_START_TIMEOUT      seconds to wait for HTTP on start (default 60)
#   S3_JAVA               java binary to use (default: first JDK >= 17 found)
#   S3_JAVA_OPTS          extra JVM options (default: small heap, serial GC)
#   S3_PYTHON             python with boto3 for `selftest` (default python3)
#
# boto3/django-storages: use path addressing and signature_version "s3v4"
# (AWS_S3_SIGNATURE_VERSION=s3v4, printed by `env`). Without it botocore
# presigns SigV2 URLs (?AWSAccessKeyId=...&Signature=...), which this server
# rejects with 403, as AWS does for buckets created since mid-2020.
#
# Layout under $PPID_SERVICES_DIR/s3/:
#   lib/ (the jar)  data/ (buckets = directories, objects = files, metadata in
#   xattrs)  s3proxy.properties  s3proxy.pid  s3proxy.log (+ .log.1)
set -euo pipefail

readonly S3PROXY_VERSION="4.1.0"
readonly S3PROXY_ARTIFACT="org.gaul:s3proxy:${S3PROXY_VERSION}:jar:jar-with-dependencies"
readonly S3PROXY_JAR_NAME="s3proxy-${S3PROXY_VERSION}-jar-with-dependencies.jar"
# SHA-1 published next to the jar on Maven Central; guards the cached copies.
readonly S3PROXY_SHA1="0a0b89e982bc1b1b5757d45b61109e05a840dd87"
# Pinned so the fetch does not depend on whatever plugin version resolves today.
readonly MVN_DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
readonly MIN_JAVA=17  # the jar's classes are Java 17 bytecode (major 61)

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "${SCRIPT_DIR}/lib.sh"
SERVICES_DIR="${PPID_SERVICES_DIR}"
mkdir -p "${SERVICES_DIR}"
SERVICES_DIR="$(cd "${SERVICES_DIR}" && pwd)"  # absolute: it goes into the config
S3_DIR="${SERVICES_DIR}/s3"
LIB_DIR="${S3_DIR}/lib"
DATA_DIR="${S3_DIR}/data"
JAR="${LIB_DIR}/${S3PROXY_JAR_NAME}"
PROPS="${S3_DIR}/s3proxy.properties"
PID_FILE="${S3_DIR}/s3proxy.pid"
LOG_FILE="${S3_DIR}/s3proxy.log"

HOST="127.0.0.1"
PORT="${S3_PORT:-}"
ACCESS_KEY="${S3_ACCESS_KEY_ID:-portal-test}"
SECRET_KEY="${S3_SECRET_ACCESS_KEY:-portal-test-secret-key}"
REGION="us-east-1"
START_TIMEOUT="${S3_START_TIMEOUT:-60}"
AUTHORIZATION="${S3_AUTHORIZATION:-aws-v4}"
case "${AUTHORIZATION}" in
  aws-v4 | aws-v2-or-v4) ;;
  *) echo "s3.sh: error: S3_AUTHORIZATION must be aws-v4 or aws-v2-or-v4" >&2; exit 2 ;;
esac

log() { printf 's3.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- helpers -----------------------------------------------------------------

# Port of the instance described by the current properties file (if any), so
# `env`/`status` report where the server really listens.
configured_port() {
  if [[ -f "${PROPS}" ]]; then
    sed -n "s|^s3proxy.endpoint=http://${HOST}:\([0-9]*\)$|\1|p" "${PROPS}"
  fi
}

# With S3_PORT unset: where our instance runs, or the first free port from 9000.
choose_port() {
  [[ -n "${PORT}" ]] && return 0
  if [[ -n "$(server_pid)" ]]; then
    PORT="$(configured_port)"
    return 0
  fi
  local candidate
  for candidate in $(seq 9000 9099); do
    port_open "${candidate}" || { PORT="${candidate}"; return 0; }
  done
  die "no free port in 9000..9099; set S3_PORT"
}

# PID of our server, or nothing. The pid file alone is not trusted: the
# process must still exist and be a JVM started with *our* properties file
# (guards against a reused PID after a crash or reboot).
server_pid() {
  [[ -f "${PID_FILE}" ]] || return 0
  local pid
  pid="$(cat "${PID_FILE}" 2>/dev/null || true)"
  [[ "${pid}" =~ ^[0-9]+$ ]] || return 0
  [[ -r "/proc/${pid}/cmdline" ]] || return 0
  if tr '\0' ' ' <"/proc/${pid}/cmdline" | grep -qF -- "--properties ${PROPS}"; then
    echo "${pid}"
  fi
}

# True if something accepts TCP connections on the port (bash /dev/tcp: no
# dependency on curl/ss/lsof, which a fresh machine may lack).
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/${HOST}/$1" 2>/dev/null
}

# True if the port answers with an HTTP status line. S3Proxy answers an
# anonymous GET / with "403 AccessDenied", which is fine: it is serving.
http_answers() {
  local status
  # shellcheck disable=SC2016  # $0/$1/$line expand in the inner bash
  status="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "GET / HTTP/1.0\r\nHost: %s:%s\r\n\r\n" "$0" "$1" >&3
    IFS= read -r line <&3 && printf "%s" "$line"' "${HOST}" "$1" 2>/dev/null || true)"
  [[ "${status}" == HTTP/* ]]
}

java_major() {
  # `java -version` prints e.g.: openjdk version "17.0.15" ... / "1.8.0_392"
  local v
  v="$("$1" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)[."].*/\1/p' | head -n1)"
  echo "${v:-0}"
}

# Pick a Java >= 17: $S3_JAVA, $JAVA_HOME, PATH, then any JDK under
# /usr/lib/jvm; as a last resort install Debian's OpenJDK 17 (fresh CI box).
find_java() {
  local c
  local -a candidates=()
  [[ -n "${S3_JAVA:-}" ]] && candidates+=("${S3_JAVA}")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("${JAVA_HOME}/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for c in /usr/lib/jvm/*/bin/java; do [[ -x "${c}" ]] && candidates+=("${c}"); done
  for c in "${candidates[@]}"; do
    if [[ -x "${c}" ]] && (( $(java_major "${c}") >= MIN_JAVA )); then
      echo "${c}"; return 0
    fi
  done
  [[ -n "${S3_JAVA:-}" ]] && die "S3_JAVA=${S3_JAVA} is not a Java >= ${MIN_JAVA}"
  apt_install openjdk-17-jre-headless
  c="$(command -v java || true)"
  if [[ -z "${c}" ]] || (( $(java_major "${c}") < MIN_JAVA )); then
    die "no Java >= ${MIN_JAVA} available"
  fi
  echo "${c}"
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "need to install $*, but apt-get is not available"
  [[ "$(id -u)" == 0 ]] || die "need to install $* (apt-get), but not running as root"
  log "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

jar_ok() { [[ -f "$1" ]] && [[ "$(sha1sum "$1" | cut -d' ' -f1)" == "${S3PROXY_SHA1}" ]]; }

# Make sure ${JAR} exists. Cheapest first: already in lib/; then straight
# from the default local Maven repo (no JVM start); then `mvn -o` (custom
# local repo settings); finally a real download via mvn.
fetch_jar() {
  jar_ok "${JAR}" && return 0
  mkdir -p "${LIB_DIR}"
  rm -f "${JAR}"
  local m2="${HOME}/.m2/repository/org/gaul/s3proxy/${S3PROXY_VERSION}/${S3PROXY_JAR_NAME}"
  if jar_ok "${m2}"; then
    cp "${m2}" "${JAR}.tmp" && mv "${JAR}.tmp" "${JAR}"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || apt_install maven
  # Run from lib/ (no pom.xml there) so mvn does not pick up a random project.
  local -a mvn_cmd=(mvn -B -q -Dstyle.color=never "${MVN_DEP_PLUGIN}:copy"
    "-Dartifact=${S3PROXY_ARTIFACT}" "-DoutputDirectory=${LIB_DIR}")
  if ! (cd "${LIB_DIR}" && "${mvn_cmd[@]}" -o >/dev/null 2>&1); then
    log "downloading ${S3PROXY_ARTIFACT} from Maven Central (cached in ~/.m2)"
    # sed: Debian's mvn emits stray ANSI resets even in batch/quiet mode.
    (cd "${LIB_DIR}" && "${mvn_cmd[@]}" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2) ||
      die "mvn could not fetch ${S3PROXY_ARTIFACT}"
  fi
  jar_ok "${JAR}" || die "${JAR}: missing or SHA-1 mismatch (expected ${S3PROXY_SHA1})"
}

# The S3Proxy configuration, rendered from the environment.
render_props() {
  cat <<EOF
# Generated by scripts/s3.sh; edits are overwritten on the next start.
s3proxy.endpoint=http://${HOST}:${PORT}
# Real AWS signature checks (header auth and presigned query auth).
s3proxy.authorization=${AUTHORIZATION}
s3proxy.identity=${ACCESS_KEY}
s3proxy.credential=${SECRET_KEY}
# On-disk backend: buckets are directories under basedir.
jclouds.provider=filesystem
jclouds.identity=${ACCESS_KEY}
jclouds.credential=${SECRET_KEY}
jclouds.filesystem.basedir=${DATA_DIR}
EOF
}

# Serialise start/stop so parallel callers (e.g. CI steps) cannot race.
take_lock() {
  mkdir -p "${S3_DIR}"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"${S3_DIR}/.lock"
    flock -w 60 9 || die "timed out waiting for ${S3_DIR}/.lock"
  fi
}

print_ready() {
  echo "s3 (s3proxy ${S3PROXY_VERSION}) ready at http://${HOST}:${1}"
}

# --- commands ----------------------------------------------------------------

cmd_start() {
  take_lock
  choose_port
  local pid
  pid="$(server_pid)"
  if [[ -n "${pid}" ]]; then
    # Already running: fine if it was started with the same settings.
    if [[ "$(render_props)" != "$(cat "${PROPS}")" ]]; then
      die "already running (pid ${pid}, port $(configured_port)) with different settings" \
          "(S3_PORT/credentials/services dir); run '$0 stop' first"
    fi
    if http_answers "${PORT}"; then
      log "already running (pid ${pid})"
      print_ready "${PORT}"
      return 0
    fi
    log "pid ${pid} exists but does not answer HTTP; restarting it"
    stop_server
  fi
  rm -f "${PID_FILE}"

  if port_open "${PORT}"; then
    die "port ${PORT} on ${HOST} is already in use by another program; set S3_PORT to a free port"
  fi

  fetch_jar
  local java
  java="$(find_java)"
  mkdir -p "${DATA_DIR}"
  (umask 077 && render_props >"${PROPS}")
  [[ -f "${LOG_FILE}" ]] && mv -f "${LOG_FILE}" "${LOG_FILE}.1"

  # Small heap and serial GC: a test helper on a 2-core box, not a server.
  # NopStatusListener silences logback's own start-up chatter in the log.
  local -a java_opts
  read -r -a java_opts <<<"${S3_JAVA_OPTS:--Xms32m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
  # setsid + nohup: detach from the caller's session/process group so the
  # server outlives the shell (and its Ctrl-C) that ran `start`.
  # 9>&-: the JVM must not inherit the lock fd, or it would hold the lock forever.
  nohup setsid "${java}" "${java_opts[@]}" \
    -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
    -jar "${JAR}" --properties "${PROPS}" \
    >"${LOG_FILE}" 2>&1 </dev/null 9>&- &
  echo $! >"${PID_FILE}"
  log "starting s3proxy ${S3PROXY_VERSION} (pid $!, $("${java}" -version 2>&1 | head -n1)); log: ${LOG_FILE}"

  local deadline=$((SECONDS + START_TIMEOUT))
  while (( SECONDS < deadline )); do
    if [[ -z "$(server_pid)" ]]; then
      log "s3proxy exited during start-up; last 50 log lines:"
      tail -n 50 "${LOG_FILE}" >&2 || true
      rm -f "${PID_FILE}"
      exit 1
    fi
    if http_answers "${PORT}"; then
      print_ready "${PORT}"
      return 0
    fi
    sleep 0.3
  done
  log "s3proxy did not answer HTTP on ${HOST}:${PORT} within ${START_TIMEOUT}s; last 50 log lines:"
  tail -n 50 "${LOG_FILE}" >&2 || true
  stop_server
  exit 1
}

# TERM, wait up to 15 s, then KILL. Only ever signals our verified PID.
stop_server() {
  local pid i
  pid="$(server_pid)"
  if [[ -z "${pid}" ]]; then
    rm -f "${PID_FILE}"
    return 1
  fi
  kill -TERM "${pid}" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    kill -0 "${pid}" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "${pid}" 2>/dev/null; then
    log "pid ${pid} ignored SIGTERM; sending SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
  fi
  rm -f "${PID_FILE}"
  log "stopped (pid ${pid})"
}

cmd_stop() {
  take_lock
  stop_server || log "not running"
}

cmd_status() {
  local pid port
  pid="$(server_pid)"
  port="$(configured_port)"
  if [[ -n "${pid}" ]] && http_answers "${port:-${PORT}}"; then
    log "running (pid ${pid}) at http://${HOST}:${port}"
    return 0
  fi
  if [[ -n "${pid}" ]]; then
    log "process ${pid} exists but does not answer HTTP on port ${port}"
  else
    log "not running"
  fi
  return 1
}

cmd_env() {
  # The port of the running instance wins over S3_PORT, so `eval` always
  # points at the live server.
  local port=""
  [[ -n "$(server_pid)" ]] && port="$(configured_port)"
  port="${port:-${PORT}}"
  printf 'export AWS_S3_ENDPOINT_URL=%q\n' "http://${HOST}:${port}"
  printf 'export AWS_ACCESS_KEY_ID=%q\n' "${ACCESS_KEY}"
  printf 'export AWS_SECRET_ACCESS_KEY=%q\n' "${SECRET_KEY}"
  printf 'export AWS_S3_REGION_NAME=%q\n' "${REGION}"
  printf 'export AWS_S3_ADDRESSING_STYLE=%q\n' "path"
  printf 'export AWS_S3_SIGNATURE_VERSION=%q\n' "s3v4"
}

# Exercises the server the way django-storages uses boto3.
cmd_selftest() {
  local py="${S3_PYTHON:-python3}"
  if ! "${py}" -c 'import boto3' 2>/dev/null; then
    log "selftest SKIPPED: boto3 is not importable by ${py} (set S3_PYTHON to a python with boto3)"
    return 0
  fi
  cmd_status 2>/dev/null || die "server is not running; run '$0 start' first"
  local port
  port="$(configured_port)"
  S3_SELFTEST_ENDPOINT="http://${HOST}:${port}" \
  S3_SELFTEST_KEY="${ACCESS_KEY}" S3_SELFTEST_SECRET="${SECRET_KEY}" \
  S3_SELFTEST_REGION="${REGION}" "${py}" -c "${SELFTEST_PY}"
}

read -r -d '' SELFTEST_PY <<'PY' || true
import hashlib, io, os, sys, time, urllib.error, urllib.request, uuid
import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

env = os.environ
def client(secret=env["S3_SELFTEST_SECRET"]):
    return boto3.client(
        "s3", endpoint_url=env["S3_SELFTEST_ENDPOINT"], region_name=env["S3_SELFTEST_REGION"],
        aws_access_key_id=env["S3_SELFTEST_KEY"], aws_secret_access_key=secret,
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))

def step(msg):
    print(f"selftest: {msg}", file=sys.stderr)

s3 = client()
bucket = f"selftest-{uuid.uuid4().hex[:12]}"
t0 = time.monotonic()
step(f"create bucket {bucket}")
s3.create_bucket(Bucket=bucket)
try:
    step("put/get/head small object")
    body = b"hello from portal ppid\n"
    s3.put_object(Bucket=bucket, Key="docs/hello.txt", Body=body,
                  ContentType="text/plain", Metadata={"origin": "selftest"})
    assert s3.get_object(Bucket=bucket, Key="docs/hello.txt")["Body"].read() == body
    head = s3.head_object(Bucket=bucket, Key="docs/hello.txt")
    assert head["ContentLength"] == len(body) and head["ContentType"] == "text/plain", head
    assert head["Metadata"] == {"origin": "selftest"}, head["Metadata"]

    step("list with prefix/delimiter")
    s3.put_object(Bucket=bucket, Key="docs/sub/nested.txt", Body=b"n")
    listing = s3.list_objects_v2(Bucket=bucket, Prefix="docs/", Delimiter="/")
    assert [o["Key"] for o in listing.get("Contents", [])] == ["docs/hello.txt"], listing
    assert [p["Prefix"] for p in listing.get("CommonPrefixes", [])] == ["docs/sub/"], listing

    step("presigned GET over plain HTTP (urllib)")
    url = s3.generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": "docs/hello.txt"}, ExpiresIn=300)
    assert "X-Amz-Signature=" in url, url
    with urllib.request.urlopen(url, timeout=10) as resp:
        assert resp.status == 200 and resp.read() == body
    for bad in (url.replace("X-Amz-Signature=", "X-Amz-Signature=0"),
                url.split("?")[0]):
        try:
            urllib.request.urlopen(bad, timeout=10)
            raise AssertionError(f"unsigned/tampered URL was served: {bad}")
        except urllib.error.HTTPError as e:
            assert e.code == 403, e.code

    step("wrong secret is rejected")
    try:
        client("not-the-secret").list_objects_v2(Bucket=bucket)
        raise AssertionError("request with a wrong secret was accepted")
    except ClientError as e:
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 403, e.response

    step("multipart upload (12 MiB in 5 MiB parts)")
    big = os.urandom(12 * 1024 * 1024)
    cfg = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
    s3.upload_fileobj(io.BytesIO(big), bucket, "big.bin", Config=cfg)
    head = s3.head_object(Bucket=bucket, Key="big.bin")
    assert head["ContentLength"] == len(big) and head["ETag"].endswith('-3"'), head
    got = s3.get_object(Bucket=bucket, Key="big.bin")["Body"].read()
    assert hashlib.sha256(got).digest() == hashlib.sha256(big).digest()

    step("delete objects; head of a deleted object is 404")
    for key in ("docs/hello.txt", "docs/sub/nested.txt", "big.bin"):
        s3.delete_object(Bucket=bucket, Key=key)
    try:
        s3.head_object(Bucket=bucket, Key="big.bin")
        raise AssertionError("deleted object still exists")
    except ClientError as e:
        assert e.response["Error"]["Code"] in ("404", "NoSuchKey"), e.response
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0
finally:
    # Leave no debris in data/ even when an assertion failed.
    for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
        s3.delete_object(Bucket=bucket, Key=obj["Key"])
    s3.delete_bucket(Bucket=bucket)
step(f"bucket deleted; all checks passed in {time.monotonic() - t0:.1f}s")
print("s3 selftest: OK")
PY

main() {
  case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    status) cmd_status ;;
    env) cmd_env ;;
    selftest) cmd_selftest ;;
    *)
      echo "usage: $0 start|stop|restart|status|env|selftest" >&2
      exit 2 ;;
  esac
}

main "$@"
