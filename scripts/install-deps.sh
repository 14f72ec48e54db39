#!/usr/bin/env bash
# Installs what Mensor needs to build and test on Debian 12 (bookworm). Idempotent.
set -euo pipefail
packages=(
  cmake ninja-build g++ ccache pkg-config git
  libboost-dev libboost-filesystem-dev libcurl4-openssl-dev zlib1g-dev libyaml-cpp-dev nlohmann-json3-dev
  libssl-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
  prometheus curl python3 procps
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "installing: ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
