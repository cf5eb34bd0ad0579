#!/usr/bin/env bash
# bench/bench.sh - the benchmark suite's orchestration, run by `bin/mall bench [mvn args]` (docs/BENCHMARKS.md):
# brings up a stack of its own, runs the workloads (B1 and B4 here, the rest through `mvn -f bench/pom.xml verify`),
# writes target/bench/summary.{json,md}, and stops what it started.
set -euo pipefail

MALL_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MALL_HOME
# shellcheck source=../bin/lib/services.sh
source "$MALL_HOME/bin/lib/services.sh"
# shellcheck source=../bin/lib/balancer.sh
source "$MALL_HOME/bin/lib/balancer.sh"
# shellcheck source=../bin/lib/liberty.sh
source "$MALL_HOME/bin/lib/liberty.sh"
# shellcheck source=../bin/lib/tracing.sh
source "$MALL_HOME/bin/lib/tracing.sh"

# Everything of its own: ports, MariaDB (3316, so bin/mall starts an embedded one unless something listens there),
# Redis (6386), Artemis (61626), databases mall_bench_*, and a Liberty server "mall-bench" on 9180/9543 - so it neither
# disturbs nor is disturbed by a development server, the test suite or anyone else's services. Each may be overridden
# by the environment. Services and the server it started are stopped at the end; ones it found running are left alone.
BENCH_WORKLOADS_ALL="B1 B2 B3 B4 B5 B6 B7 B8 W1 W2 W3 W4 W5"

cmd_bench() {
    export MALL_DB_PORT=${MALL_DB_PORT:-3316}
    export MALL_REDIS_URL=${MALL_REDIS_URL:-redis://127.0.0.1:6386}
    export MALL_BROKER_URL=${MALL_BROKER_URL:-tcp://127.0.0.1:61626}
    export MALL_HTTP_PORT=${MALL_HTTP_PORT:-9180} MALL_HTTPS_PORT=${MALL_HTTPS_PORT:-9543}
    export MALL_DB_ORDERS=${MALL_DB_ORDERS:-mall_bench_orders} MALL_DB_INVENTORY=${MALL_DB_INVENTORY:-mall_bench_inventory}
    export MALL_DB_PROVIDER=${MALL_DB_PROVIDER:-mall_bench_provider}
    # The transaction log too, and both servers of the two-server run in one recovery group: outside a group two
    # servers on one log database take each other's log lock ("Another server (mallbench2) has locked the HA lock
    # row"), and every transaction of the first then failed at its log write (WTRN0066W). In a group each server has
    # its own log tables and lease, as in production (docs/SCALING.md).
    export MALL_DB_TRANLOG=${MALL_DB_TRANLOG:-mall_bench_tranlog} MALL_RECOVERY_GROUP=${MALL_RECOVERY_GROUP:-mallbench}
    export MALL_DEMO_DATA=false
    # 5000 customers register and log in before the workloads: PBKDF2 at 210000 iterations would take minutes of CPU
    # for nothing the suite measures. Only this server's new hashes are cheaper; see docs/BENCHMARKS.md.
    export MALL_IDENTITY_PASSWORD_ITERATIONS=${MALL_IDENTITY_PASSWORD_ITERATIONS:-1000}
    export MALL_JWT_TTL=${MALL_JWT_TTL:-PT3H}
    # Every simulated buyer comes from 127.0.0.1: the rate limits stay in the path but never refuse.
    export MALL_RATE_LIMIT_ADDRESS_PER_SECOND=${MALL_RATE_LIMIT_ADDRESS_PER_SECOND:-1000000}
    export MALL_RATE_LIMIT_ADDRESS_BURST=${MALL_RATE_LIMIT_ADDRESS_BURST:-1000000}
    # A closed-loop client places orders as fast as the server answers: neither may the customer limit refuse it.
    export MALL_RATE_LIMIT_CUSTOMER_PER_SECOND=${MALL_RATE_LIMIT_CUSTOMER_PER_SECOND:-1000000}
    export MALL_RATE_LIMIT_CUSTOMER_BURST=${MALL_RATE_LIMIT_CUSTOMER_BURST:-1000000}
    local workloads=${MALL_BENCH_WORKLOADS:-$BENCH_WORKLOADS_ALL} w
    for w in $workloads; do
        [[ " $BENCH_WORKLOADS_ALL " == *" $w "* ]] || die "MALL_BENCH_WORKLOADS: unknown workload '$w' (known: $BENCH_WORKLOADS_ALL)"
    done
    mall_load_config
    local begun=$SECONDS out="$MALL_HOME/target/bench"
    BENCH_SERVICES_BEFORE="$(running_services)"
    # Also on Ctrl-C or a failed step: stop what this run started, and only that.
    trap bench_cleanup EXIT
    export MALL_BENCH_OUT="$out"
    rm -rf "$out"
    mkdir -p "$out/raw" "$out/parts"
    mall_services_up
    build
    if liberty_running "$BENCH_SERVER"; then
        log "Liberty server '$BENCH_SERVER' already running: measuring it as it is (no reset of its data)"
    else
        bench_server_refresh
        bench_reset_state
        BENCH_STARTED_LIBERTY=1
        bench_start_liberty
    fi
    wait_ready 300 "$BENCH_SERVER"
    local status=0
    bench_run "$workloads" "$@" || status=$?
    bench_cleanup
    trap - EXIT
    log "bench finished in $((SECONDS - begun)) s with status $status; summary: ${out#"$MALL_HOME"/}/summary.md"
    return "$status"
}

BENCH_STARTED_LIBERTY=
BENCH_SERVICES_BEFORE=

bench_cleanup() {
    mall_balancer_stop
    mall_tracing_stop "$BENCH_ZIPKIN_PORT"
    if [[ -n $BENCH_STARTED_LIBERTY2 ]]; then
        "$WLP/bin/server" stop "$BENCH_SERVER2" >&2 || true
        BENCH_STARTED_LIBERTY2=
    fi
    if [[ -n $BENCH_STARTED_LIBERTY ]]; then
        "$WLP/bin/server" stop "$BENCH_SERVER" >&2 || true
        BENCH_STARTED_LIBERTY=
    fi
    stop_services_not_in "$BENCH_SERVICES_BEFORE"
}

bench_run() {
    local workloads=$1 out=$MALL_BENCH_OUT status=0
    shift
    bench_describe_machine >"$out/raw/machine.txt"
    export MALL_BENCH_PIDS
    MALL_BENCH_PIDS="liberty=$(cat "$WLP/usr/servers/.pid/$BENCH_SERVER.pid" 2>/dev/null || true),$(bench_service_pids)"
    if [[ " $workloads " == *" B1 "* ]]; then bench_b1; fi
    if [[ " $workloads " == *" B4 "* ]]; then bench_b4; fi
    local skips=() w
    for w in B5 B6 B7 B8 W1 W2 W3 W4 W5; do
        [[ " $workloads " == *" $w "* ]] || skips+=("-Dbench.skip.$w=true")
    done
    if [[ " $workloads " != *" B2 "* && " $workloads " != *" B3 "* ]]; then
        skips+=("-Dbench.skip.baselines=true")
    fi
    log "running the suite (mvn -f bench/pom.xml verify), workloads: $workloads"
    (cd "$MALL_HOME/bench" && mvn_batch verify -Dbench.skip.report=true "${skips[@]}" "$@") || status=$?
    if ((status == 0)); then
        bench_two_servers "$workloads" "$@" || status=$?
    fi
    if ((status == 0)); then
        bench_traced "$workloads" "$@" || status=$?
    fi
    # The report of everything above: one-server, two-server and tracing figures side by side (dev.mall.bench.Report).
    (cd "$MALL_HOME/bench" && mvn_batch -q exec:java@report) || status=$?
    return "$status"
}

# "mariadb=PID,artemis=PID,redis=PID": those of the backing services that bin/mall started and that run (one it found
# running is not its to measure), for MALL_BENCH_PIDS, whose processes' CPU each measured phase reads.
bench_service_pids() {
    local name pid pids=()
    for name in mariadb artemis redis; do
        if pid=$(mall_service "$name" pid 2>/dev/null); then
            pids+=("$name=$pid")
        fi
    done
    local IFS=,
    echo "${pids[*]}"
}

# The two-server run: W1 and W3 again, through HAProxy (etc/haproxy/mall.cfg) in front of mall-bench and a second
# server, mall-bench2 (MALL_BENCH_HTTP_PORT2 9181, MALL_BENCH_HTTPS_PORT2 9544), on the same databases, broker and
# Redis; its results in target/bench/two-servers/, which the report sets beside the one-server figures. On a machine
# with two cores the two servers share the CPUs the one server had: this measures what the layer costs (a proxy hop,
# a second JVM, two connection pools on one database), not scaling; docs/SCALING.md argues what scales.
# MALL_BENCH_TWO_SERVERS=off skips it; without haproxy (not installable here) it is skipped, except under CI=true.
BENCH_SERVER2=mall-bench2
BENCH_STARTED_LIBERTY2=

bench_two_servers() {
    local workloads=$1 out=$MALL_BENCH_OUT w selected=""
    shift
    for w in W1 W3; do
        [[ " $workloads " == *" $w "* ]] && selected+=" $w"
    done
    if [[ -z $selected || ${MALL_BENCH_TWO_SERVERS:-on} == off ]]; then
        return 0
    fi
    if ! mall_balancer_available; then
        [[ ${CI:-} != true ]] || return 1
        log "two-server run skipped: no haproxy (Debian: apt-get install haproxy)"
        return 0
    fi
    local http2=${MALL_BENCH_HTTP_PORT2:-9181} https2=${MALL_BENCH_HTTPS_PORT2:-9544} lb=${MALL_BENCH_LB_PORT:-9190}
    bench_server_refresh "$BENCH_SERVER2"
    BENCH_STARTED_LIBERTY2=1
    MALL_HTTP_PORT=$http2 MALL_HTTPS_PORT=$https2 bench_start_liberty "$BENCH_SERVER2"
    MALL_HTTP_PORT=$http2 wait_ready 300 "$BENCH_SERVER2"
    mall_balancer_start "127.0.0.1:$lb" "127.0.0.1:$((lb + 1))" "127.0.0.1:$MALL_HTTP_PORT" "127.0.0.1:$http2"
    bench_await_balanced "127.0.0.1:$((lb + 1))"
    mkdir -p "$out/two-servers/raw" "$out/two-servers/parts"
    cp "$out/raw/machine.txt" "$out/two-servers/raw/"
    local skips=() pids
    for w in B5 B6 B7 B8 W1 W2 W3 W4 W5; do
        [[ " $selected " == *" $w "* ]] || skips+=("-Dbench.skip.$w=true")
    done
    # CPU per order counts both servers and the balancer.
    pids="$MALL_BENCH_PIDS,liberty2=$(cat "$WLP/usr/servers/.pid/$BENCH_SERVER2.pid"),haproxy=$(mall_balancer_pid)"
    log "two-server run through HAProxy on $lb (mvn -f bench/pom.xml verify), workloads:$selected"
    (cd "$MALL_HOME/bench" && MALL_BENCH_OUT="$out/two-servers" MALL_HTTP_PORT=$lb MALL_BENCH_PIDS=$pids \
        mvn_batch verify -Dbench.output="$out/two-servers" -Dbench.skip.baselines=true "${skips[@]}" "$@")
}

# The tracing runs (docs/BENCHMARKS.md "Tracing's cost"): what tracing costs W1, measured A-B-A after the other
# runs, on the databases they warmed: W1 on mall-bench restarted untraced (A1), restarted with tracing on (B: every
# trace sampled unless MALL_TRACING_SAMPLE says otherwise, exported to a Zipkin on this machine whose CPU is counted),
# restarted untraced again (A2). Each run has W1's warm-up, uses the first run's customers and SKUs, and offers its
# open loop the rate A1's was offered (60 % of A1's capacity), so that latencies compare at one load. Results in
# target/bench/traced/{untraced-before,traced,untraced-after}/; the report sets B against the mean of A1 and A2 (a
# drift over the three runs cancels to first order) and shows A2/A1, the spread of two runs without tracing.
# MALL_BENCH_TRACED=off skips them; so does a mall-bench that was running before the bench (it is not ours to restart).
BENCH_ZIPKIN_PORT=${MALL_BENCH_ZIPKIN_PORT:-9421}
BENCH_TRACING_RUNS="untraced-before traced untraced-after"

# Called in bench_run's `|| status=$?`, where errexit does not apply: every step's failure is returned explicitly.
bench_traced() {
    local workloads=$1 run rate=${MALL_BENCH_W1_OPEN_RATE:-}
    shift
    if [[ " $workloads " != *" W1 "* || ${MALL_BENCH_TRACED:-on} == off ]]; then
        return 0
    fi
    if [[ -z $BENCH_STARTED_LIBERTY ]]; then
        log "tracing runs skipped: $BENCH_SERVER was running before the bench"
        return 0
    fi
    # The two-server run's second server and balancer are done: their CPU would only blur the comparison.
    mall_balancer_stop
    if [[ -n $BENCH_STARTED_LIBERTY2 ]]; then
        "$WLP/bin/server" stop "$BENCH_SERVER2" >&2 || return 1
        BENCH_STARTED_LIBERTY2=
    fi
    for run in $BENCH_TRACING_RUNS; do
        bench_tracing_run "$run" "$rate" "$@" || return 1
        if [[ -z $rate ]]; then
            rate=$(bench_w1_open_rate "$MALL_BENCH_OUT/traced/$run") || return 1
            log "tracing runs: the open loop of the next runs at A1's $rate orders/s"
        fi
    done
}

# One tracing run: RUN (untraced-before, traced, untraced-after) on mall-bench restarted, W1's open loop at RATE
# orders/s (empty: 60 % of this run's capacity); mvn arguments after them.
bench_tracing_run() {
    local run=$1 rate=$2 dir="$MALL_BENCH_OUT/traced/$1" pids w skips=() what=untraced
    shift 2
    mkdir -p "$dir/raw" "$dir/parts" || return 1
    cp "$MALL_BENCH_OUT/raw/machine.txt" "$dir/raw/" || return 1
    # The first run's seed: the same customers (their tokens outlive the run) and SKUs for all three.
    cp "$MALL_BENCH_OUT/fixture.json" "$MALL_BENCH_OUT/customers.csv" "$dir/" || return 1
    "$WLP/bin/server" stop "$BENCH_SERVER" >&2 || return 1
    if [[ $run == traced ]]; then
        mall_tracing_on "$BENCH_ZIPKIN_PORT"
        what="with tracing on, Zipkin on $BENCH_ZIPKIN_PORT"
    fi
    # A JFR recording (MALL_BENCH_JFR) of this run goes into its own folder.
    MALL_BENCH_OUT=$dir bench_start_liberty || return 1
    mall_tracing_env_off
    wait_ready 300 "$BENCH_SERVER"
    pids="liberty=$(cat "$WLP/usr/servers/.pid/$BENCH_SERVER.pid")" || return 1
    if [[ $run == traced ]]; then
        pids+=",zipkin=$(cat "$_MALL_RUN/zipkin-$BENCH_ZIPKIN_PORT.pid")" || return 1
    fi
    pids+=",$(bench_service_pids)"
    for w in B5 B6 B7 B8 W2 W3 W4 W5; do
        skips+=("-Dbench.skip.$w=true")
    done
    log "tracing run $run: W1 $what${rate:+, open loop at $rate orders/s} (mvn -f bench/pom.xml verify)"
    (cd "$MALL_HOME/bench" && MALL_BENCH_OUT="$dir" MALL_BENCH_PIDS=$pids MALL_BENCH_W1_OPEN_RATE=$rate \
        mvn_batch verify -Dbench.output="$dir" -Dbench.skip.prepare=true -Dbench.skip.baselines=true "${skips[@]}" "$@") ||
        return 1
    # Zipkin is part of B only: its counts kept, then stopped before A2.
    if [[ $run == traced ]]; then
        bench_zipkin_counts "$dir/raw/zipkin.txt" || return 1
        mall_tracing_stop "$BENCH_ZIPKIN_PORT"
    fi
}

# What the traced run's Zipkin received (its collector's counters) into FILE; a traced run whose Zipkin received no
# span measured nothing, and fails.
bench_zipkin_counts() {
    local metrics spans dropped
    metrics=$(curl -fsS "http://127.0.0.1:$BENCH_ZIPKIN_PORT/prometheus") || return 1
    spans=$(sed -n 's/^zipkin_collector_spans_total{transport="http",} \([0-9.eE+]*\)$/\1/p' <<<"$metrics")
    dropped=$(sed -n 's/^zipkin_collector_spans_dropped_total{transport="http",} \([0-9.eE+]*\)$/\1/p' <<<"$metrics")
    printf 'spans=%s\ndropped=%s\n' "$spans" "$dropped" >"$1" || return 1
    if [[ -z $spans ]] || ! awk -v n="$spans" 'BEGIN { exit !(n + 0 > 0) }'; then
        log "the traced run's Zipkin received no spans (zipkin_collector_spans_total: '${spans}')"
        return 1
    fi
    log "tracing run traced: Zipkin received $spans spans ($dropped dropped)"
}

# The arrival rate (orders/s) W1's open loop was offered in the run whose results are in DIR.
bench_w1_open_rate() {
    local rate
    rate=$(sed -n 's/^ *"arrivalPerSecond" *: *\([0-9.eE+-]*\).*/\1/p' "$1/parts/W1-latency.json" | head -n 1)
    [[ -n $rate ]] || { log "no arrivalPerSecond in $1/parts/W1-latency.json"; return 1; }
    echo "$rate"
}

# Both servers in HAProxy's rotation (their readiness checks passed), read from its statistics.
bench_await_balanced() {
    local deadline=$((SECONDS + 60))
    until (($(curl -fsS "http://$1/stats;csv" 2>/dev/null | grep -c '^mall,mall[12],.*,UP,') == 2)); do
        ((SECONDS < deadline)) || die "HAProxy did not mark both servers UP within 60 s (http://$1/stats)"
        sleep 1
    done
}

# The "mall" server that `build` made, copied as "mall-bench" (its own logs, transaction log and JVM options).
bench_server_refresh() {
    local from="$WLP/usr/servers/$SERVER" to="$WLP/usr/servers/${1:-$BENCH_SERVER}"
    mkdir -p "$to"
    rm -rf "$to/apps" "$to/resources/artemis" "$to/resources/jdbc" "${to:?}/lib" "$to/dropins"
    cp -a "$from/apps" "$from/dropins" "$from/jvm.options" "$from/server.xml" "$to/"
    [[ -d "$from/lib" ]] && cp -a "$from/lib" "$to/"
    mkdir -p "$to/resources"
    cp -a "$from/resources/artemis" "$from/resources/jdbc" "$to/resources/"
    [[ -f "$to/server.env" ]] || cp -a "$from/server.env" "$to/"
    # Each run starts with an empty transaction log: a previous run's in-doubt transactions belong to databases
    # that bench_reset_state is about to drop.
    rm -rf "$to/tranlog" "$to/workarea"
}

# A run starts from empty databases, an empty flash-sale gate and no queued messages, so runs are comparable.
# Only databases whose names say "bench" are ever dropped.
bench_reset_state() {
    if [[ $MALL_DB_ORDERS == *bench* && $MALL_DB_INVENTORY == *bench* && $MALL_DB_PROVIDER == *bench* &&
        $MALL_DB_TRANLOG == *bench* ]]; then
        log "resetting databases $MALL_DB_ORDERS, $MALL_DB_INVENTORY, $MALL_DB_PROVIDER, $MALL_DB_TRANLOG"
        mall_sql_root "DROP DATABASE IF EXISTS \`$MALL_DB_ORDERS\`; DROP DATABASE IF EXISTS \`$MALL_DB_INVENTORY\`; DROP DATABASE IF EXISTS \`$MALL_DB_PROVIDER\`; DROP DATABASE IF EXISTS \`$MALL_DB_TRANLOG\`"
        mall_service mariadb start >/dev/null
    else
        log "databases $MALL_DB_ORDERS/$MALL_DB_INVENTORY are not bench databases: not resetting them"
    fi
    if command -v redis-cli >/dev/null; then
        redis-cli -h "$MALL_REDIS_HOST" -p "$MALL_REDIS_PORT" --scan --pattern 'mall:*' |
            xargs -r -n 500 redis-cli -h "$MALL_REDIS_HOST" -p "$MALL_REDIS_PORT" DEL >/dev/null
    fi
    local queue
    # Every queue an application MDB consumes: a message a killed run left behind (a queued flash purchase of a sale
    # whose id the reset databases give again) would otherwise be decided against this run's rows.
    for queue in mall.reservation-expiry mall.payment-succeeded mall.flash-purchases DLQ; do
        "$_MALL_ARTEMIS_INSTANCE/bin/artemis" queue purge --silent --name "$queue" \
            --url "tcp://$MALL_BROKER_HOST:$MALL_BROKER_PORT" --user "$MALL_BROKER_USER" \
            --password "$MALL_BROKER_PASSWORD" >>"$MALL_HOME/var/log/bench-purge.log" 2>&1 ||
            log "could not purge $queue (see var/log/bench-purge.log)"
    done
}

# MALL_BENCH_JFR=1 records the (first) server with JDK Flight Recorder (profile settings) into target/bench/liberty.jfr.
bench_start_liberty() {
    local jvm_args=${JVM_ARGS:-}
    if [[ -n ${MALL_BENCH_JFR:-} && ${1:-$BENCH_SERVER} == "$BENCH_SERVER" ]]; then
        jvm_args+=" -XX:StartFlightRecording=filename=$MALL_BENCH_OUT/liberty.jfr,settings=profile,dumponexit=true"
        log "recording Liberty with JFR into ${MALL_BENCH_OUT#"$MALL_HOME"/}/liberty.jfr"
    fi
    JVM_ARGS="$jvm_args" "$WLP/bin/server" start "${1:-$BENCH_SERVER}" >&2
}

bench_describe_machine() {
    echo "cpus=$(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "memory=$(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
    echo "disk=$(df -h "$MALL_HOME/var" | awk 'NR == 2 {print $1 ", " $2 " (" $5 " used)"}')"
    echo "kernel=$(uname -r)"
    echo "jdk=$(java -version 2>&1 | head -n 1)"
    echo "openLiberty=$(sed -n 's:.*<liberty.runtime.version>\(.*\)</liberty.runtime.version>.*:\1:p' "$MALL_HOME/pom.xml")"
    echo "mariadb=$(mall_sql_root 'SELECT VERSION()' 2>/dev/null || echo unknown)"
    echo "artemis=${_MALL_ARTEMIS_HOME##*-}"
    echo "redis=$(redis-cli -h "$MALL_REDIS_HOST" -p "$MALL_REDIS_PORT" INFO server 2>/dev/null | sed -n 's/^redis_version:\([^\r]*\).*/\1/p')"
    echo "gatling=$(sed -n 's:.*<gatling.version>\(.*\)</gatling.version>.*:\1:p' "$MALL_HOME/bench/pom.xml")"
}

# B1: how many synchronous 4 KiB writes per second the disk under var/ takes (Artemis' own tool, NIO journal like the
# broker's), in a scratch folder beside the broker's data; --f because the instance's broker is running.
bench_b1() {
    local dir="$MALL_HOME/var/bench/perf-journal"
    rm -rf "$dir"
    mkdir -p "$dir"
    log "B1: artemis perf-journal"
    "$_MALL_ARTEMIS_INSTANCE/bin/artemis" perf-journal --f --journal "$dir" --journal-type NIO --sync-writes \
        --writes 1000 --tries 3 >"$MALL_BENCH_OUT/raw/B1-perf-journal.txt" 2>&1 || log "B1 failed"
    rm -rf "$dir"
}

# B4: the flash-sale gate's Lua script through redis-benchmark, on a sold-out sale (the answer 4900 of W3's 5000
# buyers get), random customer ids, 32 connections. redis-benchmark is Debian's redis-tools.
bench_b4() {
    if ! command -v redis-benchmark >/dev/null && [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
        log "installing redis-tools for redis-benchmark (B4)"
        (export DEBIAN_FRONTEND=noninteractive; apt-get install -y -q redis-tools) >"$MALL_HOME/var/log/apt-redis-tools.log" 2>&1 || true
    fi
    if ! command -v redis-benchmark >/dev/null || ! command -v redis-cli >/dev/null; then
        log "B4 skipped: no redis-benchmark/redis-cli (Debian: apt-get install redis-tools)"
        return 0
    fi
    local r=(redis-cli -h "$MALL_REDIS_HOST" -p "$MALL_REDIS_PORT") sha key='mall:flash:{bench-b4}'
    sha=$("${r[@]}" SCRIPT LOAD "$(cat "$MALL_HOME/src/main/resources/redis/flash-take.lua")")
    "${r[@]}" HSET "$key" remaining 0 limit 1 starts 0 ends 99999999999999 >/dev/null
    log "B4: redis-benchmark EVALSHA flash-take.lua"
    redis-benchmark -h "$MALL_REDIS_HOST" -p "$MALL_REDIS_PORT" -n 200000 -c 32 -r 1000000 --csv \
        EVALSHA "$sha" 4 "$key" "$key:buyers" "$key:keys" "$key:tickets" __rand_int__ 1 "$(date +%s%3N)" \
        "key-__rand_int__" "-/1" >"$MALL_BENCH_OUT/raw/B4-redis-benchmark.csv" 2>&1 ||
        log "B4 failed"
    "${r[@]}" DEL "$key" "$key:buyers" "$key:keys" "$key:tickets" >/dev/null
}


# On one line: bash reads a script as it runs it, so an edit while a run is under way cannot inject code after it.
cmd_bench "$@"; exit
