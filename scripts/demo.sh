#!/usr/bin/env bash
# The reference walkthrough against the bundled Azure simulator: installs what is needed, builds,
# starts the simulator and the agent with the walkthrough's metrics declaration
# (SystemAssignedManagedIdentity, ServiceBusNamespace, ActiveMessages/Total as demo_queue_size)
# and prints what Prometheus would scrape from /metrics.
#
#   scripts/demo.sh            run once, print /metrics, stop
#   scripts/demo.sh --keep     keep both running until Ctrl-C
set -euo pipefail
cd "$(dirname "$0")/.."
keep=false
[ "${1:-}" = "--keep" ] && keep=true

scripts/install-deps.sh
scripts/build.sh

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

wait_for() {  # wait_for <seconds> <description> <command...>: poll until the command succeeds
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then echo "timed out waiting for $what" >&2; return 1; fi
    sleep 0.2
  done
}

build/bin/mensor-azure-sim --port 0 --port-file "$work/sim.port" \
  --world config/demo/simulator-world.json >"$work/simulator.log" 2>&1 &
pids+=($!)
wait_for 10 "the Azure simulator" test -s "$work/sim.port"
sim_url="http://127.0.0.1:$(cat "$work/sim.port")"

http_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/config"
sed "s#@SIM_URL@#$sim_url#g" config/demo/metrics-declaration.yaml.in >"$work/config/metrics-declaration.yaml"
sed "s#@HTTP_PORT@#$http_port#; s#@CONFIG_DIR@#$work/config#" config/demo/runtime.yaml.in >"$work/config/runtime.yaml"

# AAD Pod Identity / IMDS: Azure SDKs reach the token endpoint through this variable; the
# simulator serves IMDS on its own port.
AZURE_POD_IDENTITY_AUTHORITY_HOST="$sim_url" PROMITOR_CONFIG_FOLDER="$work/config" \
  build/bin/mensor >"$work/agent.log" 2>&1 &
pids+=($!)
metrics_url="http://127.0.0.1:$http_port/metrics"
if ! wait_for 20 "demo_queue_size on $metrics_url" sh -c "curl -sf '$metrics_url' | grep -q '^demo_queue_size{'"; then
  cat "$work/agent.log" >&2
  exit 1
fi

echo "== Azure simulator: $sim_url   Mensor: http://127.0.0.1:$http_port"
echo "== curl $metrics_url"
curl -s "$metrics_url"
echo "== the walkthrough's line:"
curl -s "$metrics_url" | grep '^demo_queue_size{'
if $keep; then
  echo "== running; Ctrl-C to stop (agent log: $work/agent.log)"
  wait
fi
