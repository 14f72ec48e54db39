#!/usr/bin/env bash
# Configures and builds Mensor into ./build (ccache + Ninja when available).
set -euo pipefail
cd "$(dirname "$0")/.."
# Lets clones in other folders (CI) reuse the compiler cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build build -j"$(nproc)"
