#!/usr/bin/env python3
"""Benchmark (c): /metrics requests per second and memory at 100,000 series.

The agent scrapes 1,000 generated Service Bus namespaces x 100 queues (one series per queue,
Promitor's labels) through getBatch, then wrk measures its /metrics beside prometheus-cpp's
Exposer holding the same series and nginx serving the agent's exact bytes from a file.

    python3 bench/metrics_endpoint.py [--resources 1000] [--queues 100] [--seconds 10]
"""
import argparse
import re
import shutil
import subprocess
from pathlib import Path

import benchlib
from benchlib import harness


def wrk(url, seconds, headers=()):
    args = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    transfer = re.search(r"Transfer/sec:\s+(\S+)", out).group(1)
    return rate, transfer


def wait_http(url, timeout=60):
    harness.wait_until(lambda: harness.http(url, timeout=30)[0] == 200, timeout, url)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--queues", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--build", default="build")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path("/usr/sbin/" + tool).exists():
            raise SystemExit(f"{tool} is needed: apt-get install wrk nginx-light")
    build = Path(args.build).resolve()
    harness.BIN = build / "bin"
    benchlib.build(build, "mensor", "mensor-azure-sim", "mensor-bench-prometheus-cpp",
                   "mensor-plugin-servicebus", "mensor-plugin-prometheus",
                   "mensor-plugin-managed-identity")
    work = harness.tempdir("mensor-bench-metrics-")
    series = args.resources * args.queues
    sim, estate = benchlib.start_estate(work, args.resources, ["westeurope"],
                                        entities=args.queues)
    results = []
    try:
        decl = benchlib.declaration(estate, ["ActiveMessages"], "0 0 1 1 *",
                                    dimension="EntityName", limit=args.queues)
        agent = benchlib.start_agent(work, sim, decl)
        try:
            benchlib.wait_cycles(agent, 1, 600)
            url = agent.url + "/metrics"
            body = harness.http(url, timeout=60)[2]
            exposed = sum(1 for line in body.splitlines()
                          if line.startswith("estate_activemessages{"))
            pid = agent.process.proc.pid
            rate, transfer = wrk(url, args.seconds)
            gz_rate, gz_transfer = wrk(url, args.seconds, ["Accept-Encoding: gzip"])
            # Steady-state memory: after serving, with both bodies (plain and gzip) cached.
            rss = benchlib.rss_mib(pid)
            results.append(("Mensor agent (whole process)", rate, transfer, rss))
            results.append(("Mensor agent, gzip", gz_rate, gz_transfer, rss))
            (work / "www").mkdir()
            (work / "www" / "metrics").write_text(body)
        finally:
            agent.process.stop()
    finally:
        sim.close()

    port = harness.free_port()
    cpp = harness.Process([str(build / "bin" / "mensor-bench-prometheus-cpp"), str(port),
                           str(args.resources), str(args.queues)], work / "prometheus-cpp.log")
    try:
        wait_http(f"http://127.0.0.1:{port}/metrics", 120)
        rate, transfer = wrk(f"http://127.0.0.1:{port}/metrics", args.seconds)
        results.append(("prometheus-cpp Exposer", rate, transfer,
                        benchlib.rss_mib(cpp.proc.pid)))
    finally:
        cpp.close()

    port = harness.free_port()
    conf = work / "nginx.conf"
    conf.write_text(
        "daemon off; master_process off; worker_processes 1; error_log stderr;\n"
        f"pid {work}/nginx.pid;\n"
        "events { worker_connections 1024; }\n"
        "http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;\n"
        f"  server {{ listen 127.0.0.1:{port}; root {work}/www;\n"
        "    location = /metrics { default_type text/plain; } } }\n")
    nginx = harness.Process([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf),
                             "-p", str(work)], work / "nginx.log")
    try:
        wait_http(f"http://127.0.0.1:{port}/metrics")
        rate, transfer = wrk(f"http://127.0.0.1:{port}/metrics", args.seconds)
        results.append(("nginx, same bytes from a file", rate, transfer,
                        benchlib.rss_mib(nginx.proc.pid)))
    finally:
        nginx.close()

    print(f"series exposed by the agent: {exposed} (asked for {series}); "
          f"body {len(body) / 1e6:.1f} MB")
    print(f"{'server':34} {'req/s':>9} {'transfer/s':>11} {'RSS MiB':>8} {'bytes/series':>12}")
    for name, rate, transfer, rss in results:
        print(f"{name:34} {rate:9.1f} {transfer:>11} {rss:8.1f} {rss * 1048576 / series:12.0f}")
    nginx_rate = results[-1][1]
    print(f"Mensor / nginx: {results[0][1] / nginx_rate:.2f}; "
          f"prometheus-cpp / nginx: {results[2][1] / nginx_rate:.3f}")


if __name__ == "__main__":
    main()
