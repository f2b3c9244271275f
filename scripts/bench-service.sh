#!/usr/bin/env bash
# Load test of the spent-list service on loopback: durable redemptions per second and latency
# percentiles, each request a different genuine pass. Usage:
#   scripts/bench-service.sh [--db sqlite|postgres] [connections=64] [seconds=20] [passes=400000]
# Needs a release build (swift build -c release) and wrk (apt). Works in a temporary folder.
set -euo pipefail
# --db postgres: the same load on PostgreSQL, one and three instances, beside pgbench.
if [ "${1:-}" = "--db" ]; then
    case "${2:-}" in
        postgres) shift 2; exec "$(dirname "$0")/bench-service-postgres.sh" "$@" ;;
        sqlite) shift 2 ;;
        *) echo "bench: --db sqlite or --db postgres" >&2; exit 2 ;;
    esac
fi
connections=${1:-64}
seconds=${2:-20}
passes=${3:-400000}
threads=${WRK_THREADS:-2}
source "$(dirname "$0")/lib-bench.sh"
bench_needs wrk

"$passnum" keys generate --issuer "Bench" --dir Keys --unencrypted >/dev/null 2>&1
key=$(ls Keys/*.secret)
echo "bench: issuing $passes passes…" >&2
"$passnum" issue --key "$key" --carnets $((passes / 10)) --per-carnet 10 --value 10 --expires "$(date -u -d "+2 years" +%F)" --out tokens.txt >/dev/null
api_key=$("$passnum" partners add --name Bench --db sqlite:spent.sqlite 2>/dev/null)
port=$(bench_port)
bench_serve "$port" --db sqlite:spent.sqlite
server=${servers[0]}

echo "bench: $connections connections, $threads wrk threads, $seconds s, SQLite synchronous=FULL, on $(nproc) cores" >&2
# In a subshell whose `times` then gives wrk's own CPU: the client shares the machine's cores.
( TOKENS=$work/tokens.txt API_KEY=$api_key WRK_THREADS=$threads \
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$root/scripts/bench-redeem.lua" "http://127.0.0.1:$port" >wrk.out
  times >wrk.times )
cat wrk.out
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^passnum_commit_(batches|batched_requests)_total' || true
ticks=$(awk '{print $14 + $15}' "/proc/$server/stat")
# The HTTP floor: what the same server spends on an answer that does no work (GET /healthz),
# so the redemption's own cost (auth, decoding, crypto, the store, the receipt) can be read apart.
wrk -t"$threads" -c"$connections" -d5s "http://127.0.0.1:$port/healthz" >healthz.out
floor_ticks=$(( $(awk '{print $14 + $15}' "/proc/$server/stat") - ticks ))
floor_answers=$(awk '/requests in/ { print $1 }' healthz.out)
echo "service CPU: $(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }') s (user+system) for the whole run; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
bench_stop
rows=$(sqlite3 spent.sqlite 'SELECT COUNT(*) FROM redemptions')
echo "durable rows in the spent list after shutdown: $rows"
# Less sensitive than the rate to what else runs on a shared machine: compare builds with it.
hz=$(getconf CLK_TCK)
echo "service CPU per durable redemption: $(awk -v t="$ticks" -v hz="$hz" -v n="$rows" 'BEGIN { printf "%.1f", t / hz / n * 1e6 }') µs"
echo "service CPU per GET /healthz (the HTTP floor): $(awk -v t="$floor_ticks" -v hz="$hz" -v n="$floor_answers" 'BEGIN { printf "%.1f", t / hz / n * 1e6 }') µs"
# The issue's yardstick, in the same run: durable redemptions/s for each raw single-core
# libsodium verification/s (crypto_sign_verify_detached, `passnum bench verify`).
"$passnum" bench verify --rounds 5 --tokens 1000 >verify.out 2>/dev/null
raw=$(awk '/raw crypto_sign_verify_detached/ { print $(NF-4) }' verify.out)
signatures=$(awk '/receipt signature/ { print $(NF-4) }' verify.out)
rate=$(awk '/^redeemed\/s:/ { print $2 }' wrk.out)
echo "raw single-core verifications/s (same run): $raw; receipt signatures/s: $signatures"
echo "durable redemptions/s per raw single-core verification/s: $(awk -v a="$rate" -v b="$raw" 'BEGIN { printf "%.2f", a / b }')"
# The ceiling of that ratio on this machine: every core busy with nothing but what no
# redemption can skip, each costing what this run measured: the service's HTTP floor, the
# client's CPU per request (wrk runs on the same cores), one verification and one signature.
requests=$(awk '/requests in/ { print $1 }' wrk.out)
client_us=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); print (u[1] * 60 + u[2] + s[1] * 60 + s[2]) }' wrk.times | \
    awk -v n="$requests" '{ printf "%.1f", $1 / n * 1e6 }')
floor_us=$(awk -v t="$floor_ticks" -v hz="$hz" -v n="$floor_answers" 'BEGIN { printf "%.1f", t / hz / n * 1e6 }')
echo "client (wrk) CPU per request: $client_us µs"
awk -v cores="$(nproc)" -v floor="$floor_us" -v client="$client_us" -v raw="$raw" -v sig="$signatures" 'BEGIN {
    crypto = 1e6 / raw + 1e6 / sig
    printf "ceiling of the ratio on %d cores: %.2f (HTTP floor %.1f + client %.1f + verification and signature %.1f µs per redemption); %.2f with the signature free\n",
        cores, cores * 1e6 / (floor + client + crypto) / raw, floor, client, crypto, cores * 1e6 / (floor + client + 1e6 / raw) / raw
}'
