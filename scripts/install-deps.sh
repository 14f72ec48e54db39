#!/usr/bin/env bash
# Installs what Mensor needs to build and test on Debian 12 (bookworm). Idempotent.
set -euo pipefail
packages=(
  cmake ninja-build g++ ccache pkg-config git
  libboost-dev libboost-filesystem-dev libcurl4-openssl-dev zlib1g-dev libyaml-cpp-dev nlohmann-json3-dev
  libssl-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev libsnappy-dev
  libjemalloc-dev
  prometheus curl python3 procps python3-yaml python3-jsonschema clang libclang-rt-14-dev
  # packaging (tests/packaging): image build and inspection, chart linting, the .deb
  buildah podman skopeo runc uidmap debootstrap yamllint dpkg-dev fakeroot
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js runs the real receivers of the sink tests (StatsD daemon, OTLP decoder) and the
# packaging test tools; any install that provides node and npm will do.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -ne 0 ]; then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  echo "installing: ${missing[*]}"
  # Waits for a concurrent apt run instead of failing on its lock.
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install \
    -y -qq --no-install-recommends "${missing[@]}"
fi

# The pinned test receivers (tests/receivers/package-lock.json), reinstalled only when the lock
# file changed.
receivers="$(dirname "$0")/../tests/receivers"
if ! cmp -s "$receivers/package-lock.json" "$receivers/node_modules/.mensor-lock" 2>/dev/null; then
  (cd "$receivers" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$receivers/package-lock.json" "$receivers/node_modules/.mensor-lock"
fi

"$(dirname "$0")/install-packaging-tools.sh"
