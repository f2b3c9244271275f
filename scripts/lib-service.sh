# Sourced by scripts/schemathesis.sh and scripts/soak.sh: a spent-list service of their own in a
# temporary folder, with an issuer key, genuine passes, partners and the admin key made there.
# Uses the debug build that `make test` makes (PASSNUM=… for another binary).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
passnum=${PASSNUM:-$root/.build/debug/passnum}
[ -x "$passnum" ] || { echo "$(basename "$0"): build first: swift build ($passnum missing)" >&2; exit 1; }
server=""

# service_prepare WORK CARNETS PARTNER...: in WORK, a key, CARNETS×10 passes of 10 € then
# CARNETS×10 of 5 € in tokens.txt, the spent list, NAME.key per partner and admin.key.
service_prepare() {
    local work=$1 carnets=$2; shift 2
    local expires
    expires=$(date -u -d "+2 years" +%F)
    (
        cd "$work"
        "$passnum" keys generate --issuer "Test" --dir Keys --unencrypted >/dev/null 2>&1
        local key
        key=$(ls Keys/*.secret)
        "$passnum" issue --key "$key" --carnets "$carnets" --per-carnet 10 --value 10 --expires "$expires" --out t10.txt >/dev/null 2>&1
        "$passnum" issue --key "$key" --carnets "$carnets" --per-carnet 10 --value 5 --expires "$expires" --out t5.txt >/dev/null 2>&1
        cat t10.txt t5.txt >tokens.txt
        for name in "$@"; do
            "$passnum" partners add --name "$name" --db sqlite:spent.sqlite >"$name.key" 2>/dev/null
        done
        "$passnum" admin-key --db sqlite:spent.sqlite >admin.key 2>/dev/null
    )
}

# service_start WORK PORT [OPTION...]: starts `passnum serve` in WORK (log in serve.log) and waits
# until it answers /healthz; sets $server to its pid.
service_start() {
    local work=$1 port=$2; shift 2
    (cd "$work" && exec env -u PASSNUM_PASSPHRASE -u PASSNUM_ADMIN_KEY "$passnum" serve --listen "127.0.0.1:$port" \
        --db sqlite:spent.sqlite --log-level warning "$@" >>serve.log 2>&1) &
    server=$!
    for _ in $(seq 100); do
        curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0
        kill -0 "$server" 2>/dev/null || break
        sleep 0.1
    done
    echo "$(basename "$0"): the service did not start; its log:" >&2
    tail -20 "$work/serve.log" >&2
    return 1
}

# service_stop: SIGTERM and wait (the EXIT trap's job).
service_stop() {
    [ -z "$server" ] || { kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null; } || true
    server=""
}

free_port() { echo $((20000 + RANDOM % 20000)); }
