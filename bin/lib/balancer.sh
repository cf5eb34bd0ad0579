# shellcheck shell=bash
#
# bin/lib/balancer.sh - HAProxy in front of two mall servers (etc/haproxy/mall.cfg), for the fault suite and the
# benchmark's two-server run. Sourced after bin/lib/services.sh (its process helpers: a pid file in var/run, a log in
# var/log, stopped only while its command line is still ours).
#
# Public functions
#   mall_balancer_available          haproxy on PATH, installed (Debian package) when missing and root; otherwise
#                                    returns 1, and under CI=true says why
#   mall_balancer_start BIND STATS SERVER1 SERVER2   host:port each; returns when its statistics page answers
#   mall_balancer_pid                its pid
#   mall_balancer_stop               stops the HAProxy mall_balancer_start started, nothing else

_MALL_HAPROXY_CONFIG=$MALL_HOME/etc/haproxy/mall.cfg

mall_balancer_available() {
    command -v haproxy >/dev/null && return 0
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
        local apt_log=$MALL_HOME/var/log/apt-haproxy.log
        _mall_info "installing haproxy (apt-get, log in $(_mall_rel "$apt_log"))"
        (export DEBIAN_FRONTEND=noninteractive
            timeout 600 apt-get update -q &&
                apt-get install -y -q -o DPkg::Lock::Timeout=120 haproxy) >"$apt_log" 2>&1 || true
        command -v haproxy >/dev/null && return 0
        _mall_info "could not install haproxy (see $(_mall_rel "$apt_log"))"
    fi
    if [[ ${CI:-} == true ]]; then
        _mall_info "FAILED: no haproxy, and CI=true: the load balancer may not go untested (Debian: apt-get install haproxy)"
    fi
    return 1
}

mall_balancer_start() {
    export MALL_LB_BIND=$1 MALL_LB_STATS=$2 MALL_LB_SERVER1=$3 MALL_LB_SERVER2=$4
    if _mall_live_pid haproxy >/dev/null; then
        _mall_stop haproxy >/dev/null
    fi
    haproxy -c -q -f "$_MALL_HAPROXY_CONFIG" || _mall_die "invalid $(_mall_rel "$_MALL_HAPROXY_CONFIG")"
    # -db: in the foreground (bin/lib/services.sh detaches it and keeps its pid); its log goes to stdout.
    _mall_spawn haproxy haproxy -db -f "$_MALL_HAPROXY_CONFIG"
    _mall_await haproxy 20 _mall_port_open "${MALL_LB_STATS%:*}" "${MALL_LB_STATS##*:}"
    _mall_info "haproxy: $MALL_LB_BIND -> $MALL_LB_SERVER1, $MALL_LB_SERVER2 (statistics http://$MALL_LB_STATS/stats," \
        "log $(_mall_rel "$(_mall_logfile haproxy)"))"
}

mall_balancer_pid() { _mall_live_pid haproxy; }

mall_balancer_stop() {
    [[ -n ${MALL_LB_BIND:-} ]] || return 0
    _mall_stop haproxy >/dev/null || true
}
