#!/usr/bin/env bash
# Installs the C library under PREFIX: lib/libpassverify.so (with the Swift runtime libraries it
# needs, copied from the toolchain, so PREFIX stands alone), include/passverify.h and
# lib/pkgconfig/passverify.pc. Usage: Bindings/c/install.sh PREFIX [release|debug]
set -euo pipefail
prefix=${1:?usage: install.sh PREFIX [release|debug]}
config=${2:-release}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$prefix/lib/pkgconfig" "$prefix/include"
prefix=$(cd "$prefix" && pwd)

cd "$root"
swift build -c "$config" --product passverify >&2
bin=$(swift build -c "$config" --show-bin-path)
cp "$bin/libpassverify.so" "$prefix/lib/"
# The Swift runtime (libswiftCore, FoundationEssentials, ...) from the toolchain's lib folder.
ldd "$bin/libpassverify.so" | awk '$3 ~ /\/swift\/linux\// {print $3}' | while read -r lib; do
    cp "$lib" "$prefix/lib/"
done
cp Sources/CPassVerify/include/passverify.h "$prefix/include/"
sed "s|@PREFIX@|$prefix|" Bindings/c/passverify.pc.in > "$prefix/lib/pkgconfig/passverify.pc"
echo "installed libpassverify in $prefix (PKG_CONFIG_PATH=$prefix/lib/pkgconfig)" >&2
