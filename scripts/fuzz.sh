#!/usr/bin/env bash
# Fuzzes the parsers that read what others send (issue 14 §2.2) with libFuzzer, Swift's
# `-sanitize=fuzzer,address`: scripts/fuzz.sh SECONDS [JOBS [TARGET...]]. Each target of Fuzz/
# (or only the TARGETs named, e.g. `scripts/fuzz.sh 300 1 receipt`: only those are built) runs
# SECONDS, JOBS at a time (default 2, the CI machine's cores); any crash, trap or sanitizer report fails
# the script and leaves the input in .build-fuzz/crashes/. Prints executions and coverage per target.
#
# The targets are built here with swiftc, not SwiftPM: each links only the module sources it
# needs (PassVerifier, SpentListAPI and a few files of PassIssuer and SpentList), so GRDB and the
# server stay out and a fresh build takes about a minute. The corpus grows in
# .build-fuzz/corpus/ across runs; the seeds come from Vectors/ (Fuzz/seeds.py).
#
# Cost in `make test` (SECONDS=60, 2 cores): the build (~1 min fresh), then 7 targets × 60 s two
# at a time = 4 min; under 6 minutes in all. Seven targets one after the other would be 7 min.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: scripts/fuzz.sh SECONDS [JOBS]}
jobs=${2:-2}
out=.build-fuzz
mkdir -p "$out/crashes" "$out/logs"

flags=(-sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g -I Sources/CSodium -I "$out")
build_module() {  # NAME SOURCES...: one instrumented module, as an object and a .swiftmodule
    local name=$1; shift
    swiftc "${flags[@]}" -module-name "$name" -wmo -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -c "$@" -o "$out/$name.o"
}
build_target() {  # TARGET MODULE-OBJECT SOURCES...: a fuzzer executable, if it is to run
    local target=$1 object=$2; shift 2
    [[ " ${targets[*]} " == *" $target "* ]] || return 0
    swiftc "${flags[@]}" -module-name "Fuzz_${target//-/_}" "$@" "$object" -lsodium -o "$out/fuzz-$target"
}

build() {
    build_module PassVerifier Sources/PassVerifier/*.swift
    build_module SpentListAPI Sources/SpentListAPI/*.swift
    local pv=$out/PassVerifier.o
    build_target token-decode "$pv" Fuzz/FuzzTokenDecode.swift
    build_target verify "$pv" Fuzz/FuzzVerify.swift
    build_target trustlist "$pv" Fuzz/FuzzTrustList.swift
    build_target scantext "$pv" Fuzz/FuzzScanText.swift
    build_target keyfile "$pv" Fuzz/FuzzKeyFile.swift \
        Sources/PassIssuer/{KeyFile,SecretBytes,SigningKey,IssuerKey,IssuerError}.swift
    build_target receipt "$pv" Fuzz/FuzzReceipt.swift \
        Sources/SpentList/{Receipt,RedemptionChain,Model,SpentListError,APIKey,Millis}.swift
    build_target requests "$out/SpentListAPI.o" Fuzz/FuzzRequests.swift
}
targets=(token-decode verify trustlist scantext keyfile receipt requests)
[ $# -le 2 ] || targets=("${@:3}")

echo "fuzz: building ${#targets[@]} targets in $out" >&2
start=$SECONDS
# The linker's warnings about ASan's local symbols are noise; the log is shown on failure.
# (A subshell outside any `||`, so that `set -e` stops the build at its first error.)
set +e; (set -e; build) >"$out/logs/build.log" 2>&1; status=$?; set -e
[ "$status" -eq 0 ] || { grep -v "Cannot export local symbol" "$out/logs/build.log" >&2; exit 1; }
echo "fuzz: built in $((SECONDS - start)) s" >&2
rm -rf "$out/seeds" && python3 Fuzz/seeds.py "$out/seeds"

# No Swift backtracer (it takes 30 s per crash and libFuzzer prints the stack itself).
export SWIFT_BACKTRACE=enable=no
run() {  # TARGET: SECONDS of fuzzing; the exit status is libFuzzer's
    local t=$1
    mkdir -p "$out/corpus/$t"
    "$out/fuzz-$t" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="$out/crashes/$t-" "$out/corpus/$t" "$out/seeds/$t" >"$out/logs/$t.log" 2>&1
}
report() {  # TARGET STATUS
    local t=$1 status=$2 log=$out/logs/$1.log
    local execs cov ft corpus
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    read -r cov ft corpus < <(grep -E '^#[0-9]+' "$log" | tail -1 |
        sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/\1 \2 \3/') || true
    if [ "$status" -eq 0 ]; then
        printf 'fuzz: %-12s %10s executions, cov %s, ft %s, corpus %s: no crash\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corpus:-?}"
    else
        printf 'fuzz: %-12s FAILED (status %s) after %s executions; log %s:\n' "$t" "$status" "${execs:-?}" "$log"
        grep -v "Cannot export local symbol" "$log" | tail -40
    fi
}

failed=0
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
    batch=("${targets[@]:i:jobs}")
    pids=()
    for t in "${batch[@]}"; do run "$t" & pids+=($!); done
    for n in "${!batch[@]}"; do
        status=0; wait "${pids[$n]}" || status=$?
        report "${batch[$n]}" "$status"
        [ "$status" -eq 0 ] || failed=1
    done
done
[ "$failed" -eq 0 ] || { echo "fuzz: a target crashed; the input is in $out/crashes/" >&2; exit 1; }
echo "fuzz: ${#targets[@]} targets, ${seconds} s each, no crash ($((SECONDS - start)) s in all)"
