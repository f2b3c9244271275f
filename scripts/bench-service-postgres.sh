#!/usr/bin/env bash
# The spent-list service on PostgreSQL under load, beside PostgreSQL's own rate, in one run:
#   scripts/bench-service.sh --db postgres [connections=64] [seconds=20] [passes=400000]
# 1. pgbench: the bare `INSERT … ON CONFLICT (kid, serial) DO NOTHING` into the same table, one
#    transaction each, at the same number of connections (the ceiling for durable inserts here);
# 2. one `passnum serve` on the database, wrk at N connections;
# 3. three `passnum serve` on one database, wrk at N connections spread over the three.
# Durable redemptions/s and p99 for 2 and 3. Starts its own PostgreSQL (scripts/with-postgres.sh).
# Needs a release build (PASSNUM= to use another binary), wrk and pgbench (scripts/setup.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PASSNUM_TEST_POSTGRES:-}" ]; then exec "$root/scripts/with-postgres.sh" "$0" "$@"; fi
connections=${1:-64}
seconds=${2:-20}
passes=${3:-400000}
source "$root/scripts/lib-bench.sh"
bench_needs wrk
pgbench=${PG_BIN:+$PG_BIN/}pgbench
cluster=${PASSNUM_TEST_POSTGRES%/*}
psql_url() { echo "postgresql://${1#postgres://}"; }
new_db() { psql "$(psql_url "$PASSNUM_TEST_POSTGRES")" -q -c "CREATE DATABASE $1"; echo "$cluster/$1"; }

"$passnum" keys generate --issuer "Bench" --dir Keys --unencrypted >/dev/null 2>&1
key=$(ls Keys/*.secret)
echo "bench: issuing $((2 * passes)) passes…" >&2
"$passnum" issue --key "$key" --carnets $((2 * passes / 10)) --per-carnet 10 --value 10 --expires "$(date -u -d "+2 years" +%F)" --out tokens.txt >/dev/null
head -n "$passes" tokens.txt >one.txt
tail -n "$passes" tokens.txt | split -n r/3 - three.

echo "== pgbench: bare INSERT … ON CONFLICT DO NOTHING, $connections connections, $seconds s" >&2
bare=$(new_db bare)
"$passnum" partners add --name Bench --db "$bare" >/dev/null 2>&1
cat >insert.sql <<'SQL'
\set serial random(1, 281474976710655)
INSERT INTO redemptions (kid, serial, value_cents, partner_id, redeemed_at_ms, recorded_at_ms, feed_seq)
VALUES ('0badcafe', :serial, 1000, 1, 1795000000000, 1795000000000, :serial) ON CONFLICT (kid, serial) DO NOTHING;
SQL
"$pgbench" -n -f insert.sql -c "$connections" -j 2 -T "$seconds" "$(psql_url "$bare")" 2>&1 | grep -E "^(tps|latency|number of failed)" | tee pgbench.out

# What the database's busy sessions wait for while a load runs (pg_stat_activity, every 0.3 s):
# a row lock (Lock), the WAL flush of a commit (IO), or nothing (CPU). Written to waits-DB.
sample_waits() {  # sample_waits DB (in the background; killed by the caller)
    while true; do
        psql "$(psql_url "$PASSNUM_TEST_POSTGRES")" -tA -F' ' -c "SELECT coalesce(wait_event_type, 'CPU'), coalesce(wait_event, '-')
            FROM pg_stat_activity WHERE state = 'active' AND datname = '$1' AND pid <> pg_backend_pid()" 2>/dev/null || true
        sleep 0.3
    done >"waits-$1"
}
waits() {  # waits DB: the shares, most frequent first
    sort "waits-$1" | uniq -c | sort -rn | awk '{ n[NR] = $1; w[NR] = $2 " " $3; t += $1 } END { for (i = 1; i <= NR && i <= 3; i++) printf "%s%s %.0f%%", (i > 1 ? ", " : ""), w[i], 100 * n[i] / t }'
}

run_wrk() {  # run_wrk PORT TOKENS CONNECTIONS THREADS
    TOKENS=$work/$2 API_KEY=$api_key WRK_THREADS=$4 \
        wrk -t"$4" -c"$3" -d"${seconds}s" --timeout 10s -s "$root/scripts/bench-redeem.lua" "http://127.0.0.1:$1"
}

echo "== one instance, $connections connections, $seconds s" >&2
db1=$(new_db one)
api_key=$("$passnum" partners add --name Bench --db "$db1" 2>/dev/null)
port=$(bench_port)
bench_serve "$port" --db "$db1" --init
sample_waits one & sampler=$!
run_wrk "$port" one.txt "$connections" 2 | tee wrk-one.out
kill "$sampler"
bench_stop

echo "== three instances on one database, $connections connections spread over them, $seconds s" >&2
db3=$(new_db three)
api_key=$("$passnum" partners add --name Bench --db "$db3" 2>/dev/null)
ports=()
for i in 0 1 2; do ports+=("$(bench_port)"); bench_serve "${ports[$i]}" --db "$db3" --init; done
share=$((connections / 3))
files=(three.aa three.ab three.ac)
loads=()
for i in 0 1 2; do
    c=$share; [ "$i" -eq 0 ] && c=$((connections - 2 * share))
    run_wrk "${ports[$i]}" "${files[$i]}" "$c" 1 >"wrk-three-$i.out" &
    loads+=($!)
done
sample_waits three & sampler=$!
wait "${loads[@]}"
kill "$sampler"
cat wrk-three-*.out
three_rate=$(awk '/^redeemed\/s:/ { s += $2 } END { print s }' wrk-three-*.out)
three_p99=$(awk '/^p99:/ { if ($2 > m) m = $2 } END { print m }' wrk-three-*.out)
bench_stop

count() { psql "$(psql_url "$1")" -tA -c "SELECT COUNT(*) FROM redemptions"; }
bare_tps=$(awk '/^tps/ { printf "%.0f", $3 }' pgbench.out)
one_rate=$(awk '/^redeemed\/s:/ { print $2 }' wrk-one.out)
one_p99=$(awk '/^p99:/ { print $2 }' wrk-one.out)
echo
echo "== summary ($connections connections, $seconds s each, one run, on $(nproc) shared cores; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "pgbench bare INSERT … ON CONFLICT DO NOTHING: $bare_tps tps"
echo "passnum serve, 1 instance:  $one_rate redeemed/s, p99 $one_p99 ms ($(awk -v a="$one_rate" -v b="$bare_tps" 'BEGIN { printf "%.0f", 100 * a / b }')% of pgbench); durable rows: $(count "$db1")"
echo "passnum serve, 3 instances: $three_rate redeemed/s, worst p99 $three_p99 ms ($(awk -v a="$three_rate" -v b="$bare_tps" 'BEGIN { printf "%.0f", 100 * a / b }')% of pgbench); durable rows: $(count "$db3")"
# Every redemption takes the feed_counter row (its feed number and its chain link, SPEC §12.2)
# and keeps it until its commit is flushed: one instance waits on the flush, several also
# wait on each other for that row (Lock transactionid).
echo "busy sessions waited for, 1 instance: $(waits one); 3 instances: $(waits three)"
