#!/usr/bin/env bash
# Installs the Debian packages passnum needs, only those missing. Safe to run again.
set -euo pipefail

packages=(
    pkg-config libsodium-dev libsqlite3-dev  # signing, verifying, ledgers
    libqrencode-dev libcairo2-dev libfreetype-dev zlib1g-dev fonts-dejavu-core  # printing carnets
    libzbar-dev libstb-dev poppler-utils  # reading codes back (zbar), loading PNG and JPEG (stb)
    wrk sqlite3 curl  # the spent-list service's load test (scripts/bench-service.sh)
    postgresql  # the PostgreSQL store's tests and benchmark: a throw-away server (scripts/with-postgres.sh), pgbench
    openssl  # the TLS tests make a private CA and a certificate at test time
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6 toolchain needed)" >&2; exit 1; }

# The independent reference verifier in the tests is Python on OpenSSL (package cryptography).
if ! python3 -c 'import cryptography' 2>/dev/null; then
    echo "setup: installing Python's cryptography for the reference verifier" >&2
    pip install --quiet cryptography 2>/dev/null || {
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 python3-cryptography >/dev/null
    }
fi

# The partner kit's tests (scripts/test-bindings.sh): Node >= 20 for passverify.mjs, PyNaCl
# (libsodium) for the Python package, pytest, and venv to install that package with pip.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 20 ] || { echo "setup: Node.js 20 or later is needed for the JavaScript verifier's tests" >&2; exit 1; }
apt_install() {
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
if ! python3 -c 'import nacl.bindings, pytest' 2>/dev/null; then
    echo "setup: installing PyNaCl and pytest for the Python verifier" >&2
    pip install --quiet pynacl pytest 2>/dev/null || apt_install python3-nacl python3-pytest
fi
python3 -c 'import ensurepip' 2>/dev/null || apt_install python3-venv

# Fuzzing (scripts/fuzz.sh) links the Swift toolchain's own libFuzzer and AddressSanitizer
# runtimes (swiftc -sanitize=fuzzer,address); no package gives them, so say so if they are missing.
swift_lib=$(dirname "$(readlink -f "$(command -v swiftc)")")/../lib
ls "$swift_lib"/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 ||
    ls "$swift_lib"/swift/clang/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 ||
    echo "setup: warning: this Swift toolchain has no libFuzzer runtime; scripts/fuzz.sh will fail" >&2

# The web counter's browser test (scripts/test-web.sh): Debian's Chromium and its driver, and
# Selenium from PyPI.
for p in chromium chromium-driver; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || {
        echo "setup: installing $p for the web counter's browser test" >&2
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        apt_install "$p"
    }
done
if ! python3 -c 'import selenium' 2>/dev/null; then
    echo "setup: installing Selenium for the web counter's browser test" >&2
    pip install --quiet selenium 2>/dev/null || apt_install python3-selenium
fi

# The contract test (scripts/schemathesis.sh) drives the service from openapi.yaml with schemathesis.
command -v st >/dev/null || { echo "setup: installing schemathesis" >&2; pip install --quiet schemathesis; }
