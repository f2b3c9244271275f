#!/usr/bin/env bash
# Offline replica on loopback: the time of a `passnum replica pull` of 100,000 new spent passes,
# and the replica's size once it holds 1,000,000. The redemptions are written straight into the
# service's SQLite store (rows as the store writes them; what the feed serves does not depend on
# how they got there). Usage:
#   scripts/bench-replica.sh [first=100000] [total=1000000] [step=1]
# step spreads the spent serials (serial = n × step), as if only 1 pass in `step` were used.
# Needs a release build (swift build -c release) and sqlite3 (apt). Works in a temporary folder.
set -euo pipefail
first=${1:-100000}
total=${2:-1000000}
step=${3:-1}
source "$(dirname "$0")/lib-bench.sh"
bench_needs sqlite3

kid=$("$passnum" keys generate --issuer "Bench" --dir Keys --unencrypted 2>/dev/null)
"$passnum" partners add --name Bench --db sqlite:spent.sqlite 2>/dev/null >partner.key
partner=$(sqlite3 spent.sqlite "SELECT id FROM partners WHERE name = 'Bench'")

# Serials from+1…to, spent by the Bench partner, with feed sequence numbers as the store gives them.
spend() {
    sqlite3 spent.sqlite "BEGIN;
        WITH RECURSIVE s(n) AS (SELECT $1 + 1 UNION ALL SELECT n + 1 FROM s WHERE n < $2)
        INSERT INTO redemptions (kid, serial, value_cents, partner_id, redeemed_at_ms, recorded_at_ms, feed_seq)
        SELECT '$kid', n * $step, 1000, $partner, 1795000000000 + n, 1795000000000 + n, n FROM s;
        UPDATE feed_counter SET value = $2 WHERE name = 'feed';
        COMMIT;"
}

pull() {
    local start end
    start=$(date +%s.%N)
    "$passnum" replica pull --service "http://127.0.0.1:$port/" --partner-key-file partner.key --replica replica.sqlite 2>pull.log
    end=$(date +%s.%N)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s ($(cat pull.log))"
}

spend 0 "$first"
port=$(bench_port)
bench_serve "$port" --db sqlite:spent.sqlite

echo "replica pull of $first new entries: $(pull)"
echo "replica pull with nothing new: $(pull)"
spend "$first" "$total"
echo "replica pull of $((total - first)) more: $(pull)"
echo "replica size for $total spent serials (1 in $step of serials 1…$((total * step))): $(stat -c %s replica.sqlite) bytes$(ls replica.sqlite-wal >/dev/null 2>&1 && echo " (+ WAL $(stat -c %s replica.sqlite-wal) bytes)")"
