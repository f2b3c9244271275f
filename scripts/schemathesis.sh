#!/usr/bin/env bash
# The contract, attacked (issue 14 §2.3): schemathesis generates requests from openapi.yaml against
# a running `passnum serve` and checks every answer: no 5xx, status codes, content types, headers
# and bodies as the document says. Authenticated with a partner key, an office key and the admin
# key made here.
#   scripts/schemathesis.sh [EXAMPLES=40]   examples at most per operation and phase; at 40, about
# 740 requests in 1 minute on 2 cores (`make test`). Its checks are all of schemathesis's; what
# the document cannot say (a token that is not genuine, a period upside down) is listed in
# scripts/schemathesis.toml.
set -euo pipefail
source "$(dirname "$0")/lib-service.sh"
examples=${1:-40}
command -v st >/dev/null || { echo "schemathesis: st is missing (pip install schemathesis; make setup)" >&2; exit 1; }
work=$(mktemp -d)
trap 'service_stop; rm -rf "$work"' EXIT

service_prepare "$work" 2 Partner
# An office key too, so POST /v1/handouts answers for real (not only 401).
"$passnum" offices add --name Office --db "sqlite:$work/spent.sqlite" >"$work/Office.key" 2>/dev/null
port=$(free_port)
# schemathesis sends wrong keys on purpose (and expects 401): no pause of its address after 20.
service_start "$work" "$port" --max-refused-keys 1000000
cd "$work"  # schemathesis keeps its examples database in .schemathesis/ here
status=0
PARTNER_KEY=$(cat Partner.key) ADMIN_KEY=$(cat admin.key) OFFICE_KEY=$(cat Office.key) \
    st --config-file "$root/scripts/schemathesis.toml" run "$root/openapi.yaml" \
    --url "http://127.0.0.1:$port" --max-examples "$examples" --seed 14 \
    --report junit --report-dir "$work/report" 2>&1 | tee st.log || status=$?
[ "$status" -eq 0 ] || { echo "schemathesis: failures (above); the service's log:" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
cases=$(grep -oE '[0-9]+ generated' st.log | tail -1)
echo "schemathesis: ${cases% generated} test cases on the $(grep -oE 'Tested: [0-9]+' st.log | tail -1 | cut -d' ' -f2) operations of openapi.yaml, no failure (no 5xx, every answer as documented)"
