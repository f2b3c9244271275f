#!/usr/bin/env bash
# The web counter in a real browser (issue 12), after `swift build --build-tests`: Debian's
# Chromium, headless, driven by Selenium, against a real `passnum serve` made and started by the
# test (Tests/Browser/web_counter_test.py), plus the pages' own JavaScript under node --test.
# Costs about 30 s here; bounded to 5 minutes. Screenshots (phone and desktop width, after
# ACCEPTÉ, REFUSÉ and a sync) are left in .build/web-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Web counter: the pages' JavaScript under node --test" >&2
node --test Tests/Browser/

echo "== Web counter: Chromium $(chromium --version 2>/dev/null | awk '{print $2}') against passnum serve" >&2
rm -rf .build/web-screenshots
timeout 300 python3 Tests/Browser/web_counter_test.py .build/debug/passnum Web .build/web-screenshots
