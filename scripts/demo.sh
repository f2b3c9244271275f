#!/usr/bin/env bash
# The main job on the embedded defaults (SQLite, a demo key made here), in a temporary folder:
# make a key, issue and print a carnet, verify it offline, refuse a tampered pass, then run the
# spent-list service, redeem a pass at a counter and see the second redemption refused.
# Usage: scripts/demo.sh PATH/TO/passnum
set -euo pipefail
passnum=$(realpath "$1")
work=$(mktemp -d -t passnum-demo.XXXXXX)
service=""
trap '[ -z "$service" ] || kill "$service" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
export PASSNUM_PASSPHRASE="demo passphrase, not for real keys"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. Make an issuer key (sealed with a passphrase) and the trust list"
kid=$("$passnum" keys generate --issuer "Métropole de démonstration" --dir Keys)
"$passnum" keys list --trust-list Keys/trustlist.json

step "2. Issue one carnet of 5 passes of 10 € and print it"
expires=$(date -d "+1 year" +%Y-12-31)
"$passnum" issue --key "Keys/$kid.secret" --carnets 1 --value 10.00 --expires "$expires" \
    --label "CCAS démo" --out tokens.txt --pdf carnet.pdf
"$passnum" batches --ledger Keys/issuance.sqlite
echo "carnet.pdf: $(pdfinfo carnet.pdf | grep -E '^Pages' | tr -s ' ') · first token: $(head -c 40 tokens.txt)… (200 digits)"

step "3. Verify the passes offline"
"$passnum" verify --trust-list Keys/trustlist.json - < tokens.txt

step "4. A tampered pass is refused"
original=$(head -1 tokens.txt)
digit=${original:120:1}
tampered="${original:0:120}$(( (digit + 1) % 10 ))${original:121}"
if "$passnum" verify --trust-list Keys/trustlist.json "$tampered"; then
    echo "demo: error: a tampered pass was accepted" >&2
    exit 1
fi

step "5. Start the spent-list service (SQLite) and register a partner"
port=$((20000 + RANDOM % 20000))
"$passnum" serve --init --listen "127.0.0.1:$port" --db sqlite:spent.sqlite --trust-list Keys/trustlist.json \
    --log-level warning &
service=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
(umask 077; "$passnum" partners add --name "PiNG" --db sqlite:spent.sqlite > partner.key)
echo "partner PiNG registered (its API key is in partner.key)"

step "6. At the counter: the first pass is accepted, the same pass again is refused"
printf '%s\n%s\n' "$original" "$original" |
    "$passnum" scan --service "http://127.0.0.1:$port" --partner-key-file partner.key --trust-list Keys/trustlist.json

step "7. Monthly settlement"
"$passnum" settlement --month "$(date +%Y-%m)" --db sqlite:spent.sqlite

step "8. The partner's own statement, asked with its key: an A4 PDF to sign (first lines shown)"
"$passnum" statement --month "$(TZ=Europe/Paris date +%Y-%m)" --service "http://127.0.0.1:$port" \
    --partner-key-file partner.key --pdf statement.pdf > /dev/null
pdftotext -layout statement.pdf - | sed -n '1,12p'

kill -TERM "$service"
wait "$service" || true
service=""
printf '\n\033[32mdemo: done\033[0m (files were in %s, now removed)\n' "$work"
