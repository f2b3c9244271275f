# Sourced by the scripts/bench-*.sh: the release build they measure, a temporary folder ($work,
# entered) removed at exit with every service bench_serve started, and the start itself.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
passnum=${PASSNUM:-$root/.build/release/passnum}
[ -x "$passnum" ] || { echo "bench: build first: swift build -c release ($passnum missing)" >&2; exit 1; }

# bench_needs TOOL...: stops, naming the package to install, when a tool is missing.
bench_needs() {
    local tool
    for tool; do
        command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install $tool)" >&2; exit 1; }
    done
}

work=$(mktemp -d)
servers=()
# bench_stop: SIGTERM to every service bench_serve started, and wait for them.
bench_stop() {
    local pid
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    servers=()
}
trap 'bench_stop; rm -rf "$work"' EXIT
cd "$work"

bench_port() { echo $((20000 + RANDOM % 20000)); }

# bench_serve PORT OPTION...: `passnum serve` on 127.0.0.1:PORT in the background (log in
# serve.log), waited for until it answers /healthz; its pid is added to $servers.
bench_serve() {
    local port=$1; shift
    env -u PASSNUM_PASSPHRASE "$passnum" serve --listen "127.0.0.1:$port" --log-level "${LOG_LEVEL:-warning}" "$@" 2>>serve.log &
    servers+=($!)
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
    echo "bench: serve on $port did not start" >&2; cat serve.log >&2; exit 1
}
