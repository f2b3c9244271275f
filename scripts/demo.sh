#!/usr/bin/env bash
# The main job on the embedded defaults: a demo key made in a temporary folder, one carnet
# issued and verified, and a tampered pass refused. Usage: scripts/demo.sh PATH/TO/passnum
set -euo pipefail
passnum=$(realpath "$1")
work=$(mktemp -d -t passnum-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
export PASSNUM_PASSPHRASE="demo passphrase, not for real keys"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. Make an issuer key (sealed with a passphrase) and the trust list"
kid=$("$passnum" keys generate --issuer "Métropole de démonstration" --dir Keys)
"$passnum" keys list --trust-list Keys/trustlist.json

step "2. Issue one carnet of 5 passes of 10 €"
expires=$(date -d "+1 year" +%Y-12-31)
"$passnum" issue --key "Keys/$kid.secret" --carnets 1 --value 10.00 --expires "$expires" \
    --label "CCAS démo" --ledger issuance.sqlite --out tokens.txt
"$passnum" batches --ledger issuance.sqlite
echo "first token: $(head -c 40 tokens.txt)… (200 digits)"

step "3. Verify the passes offline"
"$passnum" verify --trust-list Keys/trustlist.json - < tokens.txt

step "4. A tampered pass is refused"
tampered=$(head -1 tokens.txt | sed 's/^\(.\{120\}\)\(.\)/\1X/' | tr X 7)
[ "$tampered" != "$(head -1 tokens.txt)" ] || tampered=$(head -1 tokens.txt | sed 's/^\(.\{120\}\)\(.\)/\18/')
if "$passnum" verify --trust-list Keys/trustlist.json "$tampered"; then
    echo "demo: error: a tampered pass was accepted" >&2
    exit 1
fi
printf '\n\033[32mdemo: done\033[0m (files were in %s, now removed)\n' "$work"
