#!/usr/bin/env bash
# The web pages in a real browser (issues 12 and 13), after `swift build --build-tests`: Debian's
# Chromium, headless, driven by Selenium, against a real `passnum serve` made and started by each
# test: the counter (Tests/Browser/web_counter_test.py), then the sessions of every role and the
# office's hand-over page (roles_test.py), then the admin's dashboard (dashboard_test.py); plus the
# pages' own JavaScript under node --test. Costs about 60 s here; bounded to 5 minutes in all.
# Screenshots (phone and desktop width, after ACCEPTÉ, REFUSÉ, a sync, each hand-over answer, a
# refused role, the partner view's receipts button, the unsigned-list warning of a service
# without a root key, and the dashboard, its top and the whole page) are left in .build/web-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Web counter: the pages' JavaScript under node --test" >&2
node --test Tests/Browser/

echo "== Web counter: Chromium $(chromium --version 2>/dev/null | awk '{print $2}') against passnum serve" >&2
rm -rf .build/web-screenshots
deadline=$((SECONDS + 300))
timeout 300 python3 Tests/Browser/web_counter_test.py .build/debug/passnum Web .build/web-screenshots
timeout $((deadline - SECONDS > 1 ? deadline - SECONDS : 1)) python3 Tests/Browser/roles_test.py .build/debug/passnum Web .build/web-screenshots
timeout $((deadline - SECONDS > 1 ? deadline - SECONDS : 1)) python3 Tests/Browser/dashboard_test.py .build/debug/passnum Web .build/web-screenshots
