#!/usr/bin/env bash
# Builds the configuration-loader fuzzer with clang (libFuzzer + ASan + UBSan) and runs it for a
# bounded time, seeded with the golden corpus. Usage: run_fuzzer.sh BUILD_DIR [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$1/fuzz"
seconds="${2:-60}"
mkdir -p "$out/seeds" "$out/found"
cxx="${MENSOR_FUZZ_CXX:-clang++}"
command -v "$cxx" >/dev/null || { echo "FAILED: $cxx not found (scripts/install-deps.sh installs clang)"; exit 1; }

sources=("$here/config_loader_fuzzer.cpp" "$root"/core/config/src/*.cpp "$root"/core/util/src/*.cpp)
flags=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -I"$root/core/config/include" -I"$root/core/config/src" -I"$root/core/util/include" -I"$root/sdk/include")
# Rebuild only when a source is newer than the binary.
binary="$out/config_loader_fuzzer"
if [ ! -x "$binary" ] || [ -n "$(find "${sources[@]}" "$root/core/config/include" "$root/core/util/include" -newer "$binary" -print -quit)" ]; then
  rm -rf "$out/obj" && mkdir -p "$out/obj"
  # Two compilers at a time: the machine (and CI) has two cores.
  printf '%s\n' "${sources[@]}" | xargs -P 2 -I{} sh -c \
    'obj="$1/obj/$(echo "$2" | tr / _).o"; shift 2; exec "$@" -c "$0" -o "$obj"' \
    {} "$out" {} "$cxx" "${flags[@]}"
  "$cxx" "${flags[@]}" "$out"/obj/*.o -lyaml-cpp -o "$binary"
fi

mkdir -p "$out/corpus-$$"
find "$root/tests/config-corpus/cases" "$root/config/examples" -name '*.yaml' -exec cp {} "$out/seeds/" \;
# -timeout: one input taking over 10 s counts as a hang; -rss_limit_mb bounds memory.
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$out/found/" -print_final_stats=1 "$out/corpus-$$" "$out/seeds" 2>&1 \
  | tail -n 25
status=${PIPESTATUS[0]}
rm -rf "$out/corpus-$$"
if [ "$status" -ne 0 ]; then
  echo "FAILED: the fuzzer found a crashing or hanging input in $out/found/"
  exit 1
fi
echo "1 passed, 0 failed"
