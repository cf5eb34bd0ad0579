# shellcheck shell=bash
#
# bin/lib/tracing.sh - traces (docs/OPERATIONS.md "Traces"): a local Zipkin and the OpenTelemetry settings that make
# Liberty's mpTelemetry export to it. Sourced by bin/mall after bin/lib/services.sh and mall_load_config.
#
#   mall_tracing_on PORT     starts (or reuses) Zipkin on 127.0.0.1:PORT and exports the OTEL_* environment the next
#                            Liberty start inherits: SDK on, Zipkin exporter to PORT, MALL_TRACING_SAMPLE sampling
#   mall_tracing_stop [PORT] stops the Zipkin this library started on PORT (default: every one), nothing else
#   mall_tracing_env_off     unsets what mall_tracing_on exported (later servers of the same command start untraced)
#   mall_zipkin_url PORT     its UI's URL
#
# Zipkin is Maven Central's io.zipkin:zipkin-server exec jar (one JVM, in-memory storage: traces are for looking at
# now, not for keeping). Liberty's exporter posts Zipkin v2 JSON to /api/v2/spans. Without MALL_TRACING=on none of
# this runs, the SDK stays disabled (OTEL_SDK_DISABLED defaults to true) and the application loads no OpenTelemetry
# class: off costs nothing.

_MALL_ZIPKIN_ARTIFACT=io.zipkin:zipkin-server:3.5.1:jar:exec

mall_zipkin_url() { echo "http://127.0.0.1:$1/zipkin/"; }

_mall_zipkin_jar() {
    local jar=$HOME/.m2/repository/io/zipkin/zipkin-server/3.5.1/zipkin-server-3.5.1-exec.jar
    if [[ ! -f $jar ]]; then
        local dir
        dir=$(_mall_mktemp_dir)
        _mall_info "fetching Zipkin ($_MALL_ZIPKIN_ARTIFACT, about 130 MB) from Maven Central"
        _mall_fetch_artifact "$_MALL_ZIPKIN_ARTIFACT" "$dir"
        rm -rf "$dir"
    fi
    [[ -f $jar ]] || _mall_die "Zipkin jar not found after fetching: $jar"
    echo "$jar"
}

# The pid of the Zipkin this library started on PORT, if it still runs (its command line names the port).
_mall_zipkin_live_pid() { _mall_live_pid zipkin "$1"; }

_mall_zipkin_ready() { curl -fs -o /dev/null "http://127.0.0.1:$1/health" 2>/dev/null; }

mall_tracing_on() {
    local port=$1 pid jar
    if pid=$(_mall_zipkin_live_pid "$port"); then
        _mall_info "zipkin: already running on port $port (pid $pid)"
    elif _mall_port_open 127.0.0.1 "$port"; then
        _mall_die "port $port is taken by something other than a Zipkin bin/mall started (set MALL_ZIPKIN_PORT)"
    else
        jar=$(_mall_zipkin_jar)
        # In-memory storage, at most this many spans; the query API and UI on the same port as the collector, on
        # loopback only (Armeria listens on every interface unless given an address).
        _mall_spawn "zipkin-$port" env STORAGE_TYPE=mem MEM_MAX_SPANS=200000 \
            java -Xms64m -Xmx384m -jar "$jar" "--armeria.ports[0].port=$port" "--armeria.ports[0].ip=127.0.0.1"
        _mall_await "zipkin-$port" 120 _mall_zipkin_ready "$port"
        _mall_info "zipkin: started on port $port (pid $(<"$_MALL_RUN/zipkin-$port.pid"), log $(_mall_rel "$(_mall_logfile "zipkin-$port")"))"
    fi
    # Liberty's runtime-level OpenTelemetry configuration (mpTelemetry-2.0) is read from the environment.
    export MALL_TRACING=on
    export OTEL_SDK_DISABLED=false
    export OTEL_SERVICE_NAME=${OTEL_SERVICE_NAME:-mall}
    export OTEL_TRACES_EXPORTER=zipkin
    export OTEL_EXPORTER_ZIPKIN_ENDPOINT="http://127.0.0.1:$port/api/v2/spans"
    export OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none
    # Sampling: the share of new traces kept (1.0 every one); a caller's sampled flag is followed (parent based).
    export OTEL_TRACES_SAMPLER=parentbased_traceidratio
    export OTEL_TRACES_SAMPLER_ARG=${MALL_TRACING_SAMPLE:-1.0}
}

mall_tracing_env_off() {
    unset MALL_TRACING OTEL_SDK_DISABLED OTEL_TRACES_EXPORTER OTEL_EXPORTER_ZIPKIN_ENDPOINT OTEL_METRICS_EXPORTER \
        OTEL_LOGS_EXPORTER OTEL_TRACES_SAMPLER OTEL_TRACES_SAMPLER_ARG
}

mall_tracing_stop() {
    local pidfile port pid pattern=${1:-*}
    # shellcheck disable=SC2086 # the pattern is a glob on purpose (every port when none is given)
    for pidfile in "$_MALL_RUN"/zipkin-$pattern.pid; do
        [[ -f $pidfile ]] || continue
        port=${pidfile##*/zipkin-}
        port=${port%.pid}
        if pid=$(_mall_zipkin_live_pid "$port"); then
            kill -TERM "$pid" || true
            _mall_poll 20 "" _mall_pid_dead "$pid" || kill -KILL "$pid" 2>/dev/null || true
            _mall_info "zipkin: stopped (port $port)"
        fi
        rm -f "$pidfile"
    done
}
