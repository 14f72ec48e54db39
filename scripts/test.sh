#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test (unit, loader, simulator, end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
export MENSOR_REQUIRE_PROMTOOL=1 MENSOR_REQUIRE_PROMETHEUS=1 MENSOR_REQUIRE_RECEIVERS=1
export MENSOR_REQUIRE_PACKAGING=1
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 300
