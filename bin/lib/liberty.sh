# shellcheck shell=bash
#
# bin/lib/liberty.sh - what bin/mall and bench/bench.sh share: the Liberty installation the build makes, its
# servers, the build itself, readiness, and stopping only the backing services a command started.
#
# Sourced after bin/lib/services.sh, with MALL_HOME = repository root and `set -euo pipefail`.

WLP="$MALL_HOME/target/liberty/wlp"
SERVER=mall
# The test server: its own Liberty server, ports and Redis, so a test run neither disturbs nor is disturbed by a
# development server, and may stop its Redis freely.
TEST_SERVER=mall-it
TEST_REDIS_URL="redis://127.0.0.1:6390"
# ... and its own broker (an Artemis instance of its own, var/artemis/broker-61617): a development server running at
# the same time must not consume the test server's messages, nor the other way round.
TEST_BROKER_URL="tcp://127.0.0.1:61617"
# The in-container tests' server (Arquillian starts and stops it; see src/test/liberty/arquillian and docs/TESTING.md).
ARQ_SERVER=mall-arq
# The benchmark suite's server (bench/bench.sh).
BENCH_SERVER=mall-bench

log() { printf '[mall] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

mvn_batch() { mvn -B -ntp "$@"; }

# Builds the WAR, the resource adapter and the "mall" Liberty server, unless nothing changed since the last build.
build() {
    local war="$WLP/usr/servers/$SERVER/apps/mall.war"
    if [[ -f "$war" && -z "$(find "$MALL_HOME/pom.xml" "$MALL_HOME/src/main" "$MALL_HOME/db" -newer "$war" -print -quit)" ]]; then
        log "build is up to date"
        return
    fi
    log "building (mvn package)"
    (cd "$MALL_HOME" && mvn_batch -q package -DskipTests)
}

liberty_running() { [[ -x "$WLP/bin/server" ]] && "$WLP/bin/server" status "$1" >/dev/null 2>&1; }

http_base() { echo "http://127.0.0.1:${MALL_HTTP_PORT}"; }

wait_ready() {
    local deadline=$((SECONDS + ${1:-240})) server=${2:-$SERVER}
    log "waiting for $(http_base)/health/ready"
    until curl -fsS -o /dev/null "$(http_base)/health/ready" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            curl -sS "$(http_base)/health/ready" >&2 || true
            die "not ready in time; see $WLP/usr/servers/$server/logs/messages.log"
        fi
        if ! liberty_running "$server"; then
            die "Liberty stopped during start; see $WLP/usr/servers/$server/logs/messages.log"
        fi
        sleep 1
    done
}

running_services() {
    local name
    for name in mariadb redis artemis; do
        [[ "$(mall_service "$name" status)" == running* ]] && echo "$name"
    done
    # The backup of a broker pair (MALL_BROKER_HA=on) has no open port while it waits: known by its pid.
    if [[ -n ${MALL_BROKER_BACKUP_PORT:-} ]] && mall_service artemis-backup pid >/dev/null 2>&1; then
        echo artemis-backup
    fi
    # A Redis pair (MALL_REDIS_HA=on): its replica, and its Sentinels as one (started and stopped together).
    if [[ -n ${MALL_REDIS_REPLICA_PORT:-} ]]; then
        [[ "$(mall_service redis-replica status)" == running* ]] && echo redis-replica
        mall_redis_sentinels_running && echo redis-sentinels
    fi
    return 0
}

# The backup before the primary: stopping the primary first would make the backup take over. Likewise the Sentinels
# before the Redis nodes they would fail over.
stop_services_not_in() {
    local name names=(mariadb)
    [[ -z ${MALL_REDIS_REPLICA_PORT:-} ]] || names+=(redis-sentinels redis-replica)
    names+=(redis)
    [[ -z ${MALL_BROKER_BACKUP_PORT:-} ]] || names+=(artemis-backup)
    names+=(artemis)
    for name in "${names[@]}"; do
        if ! grep -qx "$name" <<<"$1"; then
            mall_service "$name" stop || true
        fi
    done
}
