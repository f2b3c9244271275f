#!/usr/bin/env bash
# The soak (issue 14 §2.4): scripts/soak.sh SECONDS [KILLS]. The service (the debug build that
# `make test` makes; PASSNUM=… for another) under steady online load (SOAK_RATE redemptions/s,
# default 60) for SECONDS, killed with SIGKILL and started again KILLS times (default: one per 15 s,
# at least 3), while two counters take passes offline and sync their journals with the real CLI.
# Then it checks the service's settlement against its own record of every 201 and every journal
# item, prints redemptions, SIGKILLs, lost and double-accepted, and fails unless lost = 0,
# double-accepted = 0 and the settlement's total is the sum of the accepted values.
# Cost: SECONDS plus about 15 s to issue the passes and settle; `make test` runs 60 s.
set -euo pipefail
source "$(dirname "$0")/lib-service.sh"
seconds=${1:?usage: scripts/soak.sh SECONDS [KILLS]}
kills=${2:-$(( seconds / 15 > 3 ? seconds / 15 : 3 ))}
rate=${SOAK_RATE:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Passes for the online load (with a fifth to spare) and for two counters (20 a second at most).
passes=$(( rate * seconds * 6 / 5 + 2 * (seconds * 20 + 40) ))
echo "soak: issuing $passes passes, $seconds s of load at $rate/s, $kills SIGKILLs" >&2
service_prepare "$work" $(( passes / 20 + 1 )) Online CounterA CounterB
SOAK_RATE=$rate python3 "$root/scripts/soak.py" "$work" "$passnum" "$seconds" "$kills" || {
    echo "soak: FAILED; the service's log ends:" >&2; tail -20 "$work/serve.log" >&2; exit 1
}
