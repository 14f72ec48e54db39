#!/usr/bin/env python3
"""Measures each push sink's throughput through the real host path (plugin .so, SinkSet queue,
the sink's own delivery thread) against its real receiver, one sink at a time.

    python3 bench/sink_throughput.py [--build build] [--per-batch 1000] [--batches 100]

For every sink it prints samples per second of wall time and per CPU-second of the sink's
delivery thread ("sink:<name>" in /proc/self/task), i.e. what one core sustains. Run it with
`taskset -c 0` to pin everything to one core. Statuspage posts one HTTP request per value, so it
gets smaller batches.
"""
import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))
import harness  # noqa: E402
import receivers  # noqa: E402


class _Owner:
    """Collects cleanups like a unittest class does."""
    cleanups = []

    @classmethod
    def addClassCleanup(cls, fn):
        cls.cleanups.append(fn)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=str(harness.REPO / "build"))
    parser.add_argument("--per-batch", type=int, default=1000)
    parser.add_argument("--batches", type=int, default=100)
    args = parser.parse_args()
    build = Path(args.build)
    bench = build / "bin" / "mensor-sink-bench"
    plugins = build / "lib" / "mensor" / "plugins"
    node = receivers.require_receivers()
    work = harness.tempdir("mensor-sink-bench-")
    statsd = harness.started(_Owner, receivers.StatsdDaemon(work, node))
    otlp = harness.started(_Owner, receivers.OtlpReceiver(work, node))
    prom = harness.started(_Owner, receivers.RemoteWritePrometheus(
        harness.require_tool("prometheus"), work))
    statuspage = harness.started(_Owner, receivers.StatuspageSimulator(
        work, "page", ["m"], "bench-key"))
    runs = [
        ("statsd", f"{{host: 127.0.0.1, port: {statsd.port}}}", args.per_batch, args.batches),
        ("statsd", f"{{host: 127.0.0.1, port: {statsd.port}, metricFormat: DogStatsD}}",
         args.per_batch, args.batches),
        ("openTelemetryCollector",
         f"{{collectorUri: 'http://127.0.0.1:{otlp.grpc_port}', protocol: grpc}}",
         args.per_batch, args.batches),
        ("openTelemetryCollector",
         f"{{collectorUri: 'http://127.0.0.1:{otlp.http_port}', protocol: http/protobuf}}",
         args.per_batch, args.batches),
        ("prometheusRemoteWrite", f"{{url: '{prom.write_url}'}}", args.per_batch, args.batches),
        ("atlassianStatuspage",
         f"{{pageId: page, apiBaseUri: '{statuspage.url}', "
         "systemMetricMapping: [{id: m, promitorMetricName: azure_service_bus_active_messages}]}",
         100, 10),
    ]
    env = {"PROMITOR_ATLASSIAN_STATUSPAGE_APIKEY": "bench-key"}
    try:
        for sink, config, per_batch, batches in runs:
            print(f"# {sink} {config}", flush=True)
            subprocess.run([str(bench), str(plugins), sink, config, str(per_batch), str(batches)],
                           check=False, env={**dict(__import__("os").environ), **env})
    finally:
        for cleanup in reversed(_Owner.cleanups):
            cleanup()


if __name__ == "__main__":
    main()
