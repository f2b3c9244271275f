#!/usr/bin/env bash
# Several `passnum serve` on one PostgreSQL, with faults (issue 10 §3, §4): scripts/test-instances.py
# under a throw-away server (scripts/with-postgres.sh). Needs the debug build (make test builds it).
# Costs about a minute (issuing 5,000 passes, the loads, one PostgreSQL restart).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
passnum=${PASSNUM:-$root/.build/debug/passnum}
[ -x "$passnum" ] || { echo "test-instances: build first (swift build)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timeout 600 "$root/scripts/with-postgres.sh" python3 "$root/scripts/test-instances.py" "$passnum" "$work"
