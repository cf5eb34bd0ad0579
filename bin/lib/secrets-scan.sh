# shellcheck shell=bash
#
# bin/lib/secrets-scan.sh - no secret in a server's logs (docs/TESTING.md "No secret in the logs").
#
#   mall_secrets_scan DIR...   scan every file under the DIRs (messages, console, trace, FFDC incidents, ...); 0 when
#                              clean
#   mall_secrets_selftest      plant one sample of each kind in a scratch directory and require the scan to find
#                              each one and to pass a clean file: proof that the scan can fail at all
#
# What counts as a secret in a log:
#   - the value of every secret bin/mall generates or takes from the environment (_MALL_SECRET_KEYS: passwords,
#     the payment, provider and carrier secrets), as the servers got it;
#   - every base64 line of the JWT signing key (MALL_JWT_PRIVATE_KEY_FILE), and any PEM header line at all
#     ("-----BEGIN ...": a key or certificate printed whole);
#   - any JWT (three base64url parts, the first two JSON objects: "eyJ...") whose RS256 signature verifies with this
#     server's public key (MALL_JWT_PUBLIC_KEY_FILE): a token the shop issued. A token the server refused because
#     its signature does not verify is not one: Liberty's mpJwt itself writes such a token into messages.log
#     (CWWKS5523E/CWWKS6041E) and its FFDC (InvalidJwtSignatureException from jose4j), with no setting to stop it,
#     and AuthenticationIT sends such tokens on purpose (signed with a fresh key, or a payload edited after signing).
#     Those are counted and named in the output, not failed; a token that verifies fails the scan wherever it is;
#   - any body signature (sha256=<64 hex digits>, the X-Mall-Signature format).
# A finding names the kind, the file and the line number, never the secret itself: the scan's own output must not
# become the leak.
#
# FFDC incidents are scanned like every other file. They print the objects around a failure field by field, and after
# a broker or XA failure those lead to the Artemis client session, whose `password` field holds the broker password
# (it logs in again with it after a failover). Every way from Liberty to a session goes through an opaque wrapper
# (OpaqueXAResource for the recovery resource and the MDB endpoints, OpaqueManagedConnection for the outbound
# connection factory; docs/OPERATIONS.md "No secret in the logs"), so a finding there is a way not yet closed.
#
# Sourced by bin/mall (set -euo pipefail); uses log() from liberty.sh.

# The patterns, as grep -E expressions (JWT: header and payload of at least a few bytes; the signature may be empty).
_MALL_SCAN_PATTERNS=(
    'PEM header|-----BEGIN [A-Z0-9 ]+-----'
    'body signature|sha256=[0-9a-fA-F]{64}'
)
_MALL_SCAN_JWT='eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*'

_mall_b64url_decode() {
    local data=${1//_//} pad
    data=${data//-/+}
    pad=$(((4 - ${#data} % 4) % 4))
    ((pad == 3)) && return 1
    printf '%s%s' "$data" "$(printf '=%.0s' $(seq 1 "$pad") | head -c "$pad")" | base64 -d 2>/dev/null
}

# True if TOKEN's RS256 signature verifies with the server's public key: a token this server issued.
_mall_jwt_issued_here() {
    local token=$1 signature
    [[ -r ${MALL_JWT_PUBLIC_KEY_FILE:-} ]] || return 0 # cannot tell: count it as a real token
    signature="$(mktemp)"
    if ! _mall_b64url_decode "${token##*.}" >"$signature" || [[ ! -s $signature ]]; then
        rm -f "$signature"
        return 1
    fi
    if printf '%s' "${token%.*}" | openssl dgst -sha256 -verify "$MALL_JWT_PUBLIC_KEY_FILE" -signature "$signature" >/dev/null 2>&1; then
        rm -f "$signature"
        return 0
    fi
    rm -f "$signature"
    return 1
}

# A token signed with the server's private key, for the self-test (header and payload of a test's own making).
_mall_jwt_sample() {
    local input b64url='s/=//g; y|+/|-_|'
    input="$(printf '%s' '{"alg":"RS256","typ":"JWT"}' | base64 -w0 | sed "$b64url").$(printf '%s' '{"sub":"secrets-scan-selftest"}' | base64 -w0 | sed "$b64url")"
    printf '%s.%s' "$input" "$(printf '%s' "$input" | openssl dgst -sha256 -sign "$MALL_JWT_PRIVATE_KEY_FILE" | base64 -w0 | sed "$b64url")"
}

# The fixed strings of this configuration, one "name<TAB>value" per line, on stdout. Values shorter than 8 characters
# are not secrets bin/mall made (they are 32+ random characters) and would match ordinary text.
_mall_scan_needles() {
    local key value line
    for key in "${_MALL_SECRET_KEYS[@]}"; do
        value=${!key:-}
        ((${#value} >= 8)) && printf '%s\t%s\n' "$key" "$value"
    done
    if [[ -r ${MALL_JWT_PRIVATE_KEY_FILE:-} ]]; then
        while IFS= read -r line; do
            [[ $line == -----* || ${#line} -lt 16 ]] && continue
            printf '%s\t%s\n' "a line of the JWT signing key" "$line"
        done <"$MALL_JWT_PRIVATE_KEY_FILE"
    fi
}

# Scans every regular file under the given directories (missing ones are skipped, but at least one must exist: an
# empty scan proves nothing). Prints each finding; returns 1 if there is any.
mall_secrets_scan() {
    local dirs=() dir
    for dir in "$@"; do
        [[ -d $dir ]] && dirs+=("$dir")
    done
    if ((${#dirs[@]} == 0)); then
        log "FAILED: secrets scan: none of the log directories exists: $*"
        return 1
    fi
    local count
    count=$(find "${dirs[@]}" -type f | wc -l)
    if ((count == 0)); then
        log "FAILED: secrets scan: no log file under ${dirs[*]}"
        return 1
    fi
    # grep -r: -a reads binary files as text (FFDC files can hold odd bytes); its status 1 is "nothing found", 2 an
    # error, which must fail the scan rather than read as "clean" (pipefail carries it through cut).
    local found=0 name value entry pattern hits
    while IFS=$'\t' read -r name value; do
        if hits="$(grep -r -a -n -F -e "$value" -- "${dirs[@]}" | cut -d: -f1,2)"; then
            _mall_scan_report "$name" "$hits"
            found=1
        elif (($? != 1)); then
            log "FAILED: secrets scan: grep failed on ${dirs[*]}"
            return 1
        fi
    done < <(_mall_scan_needles)
    for entry in "${_MALL_SCAN_PATTERNS[@]}"; do
        name=${entry%%|*} pattern=${entry#*|}
        if hits="$(grep -r -a -n -E -e "$pattern" -- "${dirs[@]}" | cut -d: -f1,2)"; then
            _mall_scan_report "$name" "$hits"
            found=1
        elif (($? != 1)); then
            log "FAILED: secrets scan: grep failed on ${dirs[*]}"
            return 1
        fi
    done
    # JWTs: a finding only if this server signed it (see the header).
    local refused=0 token where
    hits="$(grep -r -a -o -n -E -e "$_MALL_SCAN_JWT" -- "${dirs[@]}")" || { (($? == 1)) || { log "FAILED: secrets scan: grep failed on ${dirs[*]}"; return 1; }; }
    if [[ -n $hits ]]; then
        while IFS= read -r entry; do
            token=${entry##*:} where=${entry%:*}
            if _mall_jwt_issued_here "$token"; then
                _mall_scan_report "JWT signed by this server" "$where"
                found=1
            else
                refused=$((refused + 1))
            fi
        done <<<"$hits"
        ((refused == 0)) || log "secrets scan: $refused JWT(s) whose signature this server refused (not issued here; mpJwt logs what it rejects)"
    fi
    if ((found)); then
        log "FAILED: secrets scan: secrets in the logs above ($count files under ${dirs[*]})"
        return 1
    fi
    log "secrets scan: no secret, key, token or signature in $count log files under ${dirs[*]}"
}

# Findings as file:line, at most 5 shown per kind.
_mall_scan_report() {
    local name=$1 hits=$2
    log "secrets scan: $name in $(printf '%s\n' "$hits" | wc -l) line(s), e.g.:"
    printf '%s\n' "$hits" | head -5 | sed "s|^$MALL_HOME/||; s|^|    |" >&2
}

# Plants one sample per kind (each needle, each pattern) in a file of its own under a scratch directory and requires
# the scan to flag every file; then requires a clean file to pass. Returns 1 if the scan missed anything.
mall_secrets_selftest() {
    local scratch status=0 i=0 name value
    scratch="$(mktemp -d)"
    # Samples of the patterns: a PEM header, a forged JWT (alg none), a signature of 64 hex digits.
    local samples=(
        "PEM header|key: -----BEGIN PRIVATE KEY-----"
        "JWT|Authorization: Bearer $(_mall_jwt_sample)"
        "body signature|X-Mall-Signature: sha256=$(printf '%064d' 0 | tr 0 a)"
    )
    while IFS=$'\t' read -r name value; do
        samples+=("$name|[INFO] some text $value more text")
    done < <(_mall_scan_needles)
    local sample
    for sample in "${samples[@]}"; do
        mkdir "$scratch/$i"
        printf 'a clean line\n%s\n' "${sample#*|}" >"$scratch/$i/messages.log"
        if mall_secrets_scan "$scratch/$i" 2>/dev/null; then
            log "FAILED: secrets scan self-test: a planted sample was not found (${sample%%|*})"
            status=1
        fi
        i=$((i + 1))
    done
    mkdir "$scratch/clean"
    # Clean: a JSON record, and a token the server refused (its signature is not the server's: one byte flipped).
    local refused_token
    refused_token="$(_mall_jwt_sample)"
    local flip=${refused_token: -10:1}
    refused_token="${refused_token:0:${#refused_token}-10}$([[ $flip == A ]] && echo B || echo A)${refused_token: -9}"
    printf '%s\n' '{"message":"CWWKF0011I: The mall-it server is ready","ext_orderId":"42"}' \
        "CWWKS5523E: ... JsonWebSignature{\"alg\":\"RS256\"}->$refused_token" >"$scratch/clean/messages.log"
    if ! mall_secrets_scan "$scratch/clean" 2>/dev/null; then
        log "FAILED: secrets scan self-test: a clean log was flagged"
        status=1
    fi
    rm -rf "$scratch"
    ((status == 0)) && log "secrets scan self-test: all ${#samples[@]} planted samples found, a clean log passed"
    return "$status"
}
