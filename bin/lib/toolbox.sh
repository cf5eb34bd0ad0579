# shellcheck shell=bash
#
# bin/lib/toolbox.sh - the shop's operator pages as bookmarks in the Liberty administrator's Admin Center toolbox
# (docs/OPERATIONS.md "Admin Center toolbox"). Sourced by bin/mall after bin/lib/services.sh and mall_load_config.
#
#   mall_toolbox_bookmarks HTTPS_PORT HTTP_PORT   adds "Shop API" (the OpenAPI UI), "Metrics" and "Traces" (Zipkin
#                                                 on MALL_ZIPKIN_PORT) to the toolbox of MALL_LIBERTY_ADMIN_USER
#
# Through Admin Center's own REST API (POST /ibm/api/adminCenter/v1/toolbox/bookmarks, as its "add bookmark" dialog
# does): Liberty keeps the toolbox per user in the server's resources/adminCenter-1.0/, so the bookmarks survive
# restarts. Idempotent: a bookmark that exists answers 409 and is left as it is.

_MALL_TOOLBOX_ICON=images/tools/defaultBookmark_142x142.png

mall_toolbox_bookmarks() {
    local https_port=$1 http_port=$2 api status name url failed=0
    api="https://127.0.0.1:$https_port/ibm/api/adminCenter/v1/toolbox/bookmarks"
    local bookmarks=(
        "Shop API|http://127.0.0.1:$http_port/openapi/ui/"
        "Metrics|https://127.0.0.1:$https_port/metrics"
        "Traces|http://127.0.0.1:${MALL_ZIPKIN_PORT:-9411}/zipkin/"
    )
    local entry
    for entry in "${bookmarks[@]}"; do
        name=${entry%%|*} url=${entry#*|}
        # The administrator's password goes to curl on stdin (-K -), never on its command line.
        status=$(printf 'user = "%s:%s"\n' "$MALL_LIBERTY_ADMIN_USER" "$MALL_LIBERTY_ADMIN_PASSWORD" |
            curl -sk -K - -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
                --data "{\"name\":\"$name\",\"url\":\"$url\",\"icon\":\"$_MALL_TOOLBOX_ICON\"}" "$api") || status=000
        case $status in
            201) _mall_info "Admin Center toolbox: added $name ($url)" ;;
            409) ;; # there already
            *) _mall_info "Admin Center toolbox: could not add $name (HTTP $status from $api)"; failed=1 ;;
        esac
    done
    return "$failed"
}
