# shellcheck shell=bash
#
# bin/lib/package.sh - packages to deploy (docs/DEPLOY.md). Sourced by bin/mall after bin/lib/services.sh.
#
#   mall_package        mvn -Pdist verify -DskipTests: target/mall-server.zip and the runnable target/mall.jar, then
#                       the smoke test below
#   mall_package_smoke  starts target/mall.jar with nothing but environment variables, against MariaDB (MALL_DB_PORT)
#                       with databases of its own (mall_smoke_*), a broker and a Redis of its own (MALL_SMOKE_BROKER_URL,
#                       tcp://127.0.0.1:61646; MALL_SMOKE_REDIS_URL, redis://127.0.0.1:6376: its MDBs must not take a
#                       development server's messages), on MALL_SMOKE_HTTP_PORT / MALL_SMOKE_HTTPS_PORT (9089/9452);
#                       passes when /health/ready is UP and /api/products answers 200 within MALL_SMOKE_TIMEOUT seconds
#                       (240); stops the jar and the services it started again

mall_package() {
    _mall_info "building the packages (mvn -Pdist verify -DskipTests)"
    (cd "$MALL_HOME" && mvn -B -ntp -q -Pdist verify -DskipTests) || _mall_die "the packaging build failed"
    local file
    for file in mall-server.zip mall.jar; do
        [[ -s $MALL_HOME/target/$file ]] || _mall_die "target/$file was not built"
        _mall_info "built target/$file ($(du -h "$MALL_HOME/target/$file" | cut -f1))"
    done
    mall_package_smoke
}

mall_package_smoke() {
    local jar=$MALL_HOME/target/mall.jar log=$MALL_HOME/var/log/smoke-jar.log
    [[ -s $jar ]] || _mall_die "no target/mall.jar: bin/mall package builds it"
    # Databases and a transaction log of its own: the jar is a server of its own, in no recovery group with the others.
    export MALL_DB_ORDERS=mall_smoke_orders MALL_DB_INVENTORY=mall_smoke_inventory MALL_DB_TRANLOG=mall_smoke_tranlog
    export MALL_DB_PROVIDER=mall_smoke_provider MALL_SERVER_ID=mallsmoke MALL_HTTP_HOST=127.0.0.1
    export MALL_HTTP_PORT=${MALL_SMOKE_HTTP_PORT:-9089} MALL_HTTPS_PORT=${MALL_SMOKE_HTTPS_PORT:-9452}
    export MALL_BROKER_URL=${MALL_SMOKE_BROKER_URL:-tcp://127.0.0.1:61646}
    export MALL_REDIS_URL=${MALL_SMOKE_REDIS_URL:-redis://127.0.0.1:6376}
    mall_load_config # again: broker and Redis host and port from the URLs above
    local before
    before=$(running_services)
    mall_services_up >&2
    local extract
    extract=$(mktemp -d "$MALL_HOME/var/tmp/smoke-jar.XXXXXX")
    _mall_rotate_log "$log"
    # The jar unpacks its server into WLP_JAR_EXTRACT_DIR; only environment variables configure it.
    WLP_JAR_EXTRACT_DIR=$extract setsid java -jar "$jar" </dev/null >"$log" 2>&1 &
    local pid=$! base="http://127.0.0.1:$MALL_HTTP_PORT" status=0
    _mall_info "smoke test: java -jar target/mall.jar (pid $pid, log $(_mall_rel "$log")), waiting for $base/health/ready"
    if _mall_poll "${MALL_SMOKE_TIMEOUT:-240}" "$pid" curl -fs -o /dev/null "$base/health/ready" &&
        curl -fs -o /dev/null "$base/api/products"; then
        _mall_info "smoke test passed: the runnable jar is ready and serves /api/products"
    else
        status=1
        tail -n 20 "$log" >&2
        _mall_info "FAILED: the runnable jar did not become ready; see $(_mall_rel "$log")"
    fi
    kill -TERM "$pid" 2>/dev/null || true
    _mall_poll 60 "" _mall_pid_dead "$pid" || kill -KILL "$pid" 2>/dev/null || true
    rm -rf "$extract"
    stop_services_not_in "$before" >&2
    return "$status"
}
