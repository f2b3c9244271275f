#!/usr/bin/env bash
# The partner kit's tests (issue 11), after `swift build --build-tests`: the C library against
# its installed header, the JavaScript module under Node's test runner, the Python package
# installed with pip and tested with pytest, then the cross-check of all four verifiers.
# Any failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
kit=.build/partner-kit
mkdir -p "$kit"

echo "== C: libpassverify against include/passverify.h" >&2
bash Bindings/c/install.sh "$kit/prefix" debug
flags=$(PKG_CONFIG_PATH="$kit/prefix/lib/pkgconfig" pkg-config --cflags --libs passverify)
# shellcheck disable=SC2086
cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -o "$kit/test_vectors" Bindings/c/test_vectors.c $flags -lpthread
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror -o "$kit/crosscheck-driver" Tests/CrossCheck/driver.c $flags
"$kit/test_vectors" Vectors

echo "== JavaScript: passverify.mjs under node --test" >&2
node --test Bindings/js/test/

echo "== Python: pip install passverify, then pytest" >&2
[ -x "$kit/python/bin/python" ] || python3 -m venv --system-site-packages "$kit/python"
"$kit/python/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./Bindings/python
(cd "$kit" && python/bin/python -m pytest -q -p no:cacheprovider ../../Bindings/python/tests)

echo "== Cross-check: Swift, C, Python and JavaScript" >&2
"$kit/python/bin/python" Tests/CrossCheck/crosscheck.py --passnum .build/debug/passnum --c-driver "$kit/crosscheck-driver"
