#!/usr/bin/env python3
"""Measures the agent's footprint against the Azure simulator.

Reports start-up time (exec until /api/v1/health answers), resident memory at idle, and the wall
and CPU time of one scrape cycle over N resources (one ServiceBusNamespace queue each).

    python3 bench/scrape_cycle.py [--resources 1000] [--build build]
"""
import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))
import harness  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def declaration(resources):
    entries = "\n".join(f"      - namespace: bench-ns-{i}\n        queueName: demo_queue"
                        for i in range(resources))
    template = (harness.REPO / "config" / "demo" / "metrics-declaration.yaml.in").read_text()
    head = template.split("    resources:")[0]
    # One cycle per minute: the benchmark triggers nothing itself, it watches the first run.
    return head + "    resources:\n" + entries + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--build", default=os.environ.get("MENSOR_BUILD_DIR", "build"))
    args = parser.parse_args()
    harness.BIN = Path(args.build).resolve() / "bin"

    work = harness.tempdir("mensor-bench-")
    sim = harness.Simulator(work, world=None)  # open world: every namespace exists
    port = harness.free_port()
    config = harness.write_config(work / "config", sim.url, port,
                                  declaration=declaration(args.resources).replace(
                                      "@SIM_URL@", sim.url))
    started = time.monotonic()
    agent = harness.Agent(work, config, sim.url, port)
    pid = agent.process.proc.pid
    harness.wait_until(lambda: harness.http(f"http://127.0.0.1:{port}/api/v1/health")[0] == 200,
                       30, "the agent's health endpoint", interval=0.005)
    startup = time.monotonic() - started
    cycle = harness.wait_until(
        lambda: re.search(r"scraped (\d+) target\(s\) in ([0-9.]+)s, (\d+) failed",
                          agent.process.log()), 120, "the first scrape cycle")
    cpu_after_cycle = cpu_seconds(pid)
    rss_after_cycle = rss_mib(pid)
    time.sleep(2)  # idle: nothing is scheduled until the next minute
    cpu_idle = cpu_seconds(pid) - cpu_after_cycle
    print(f"resources:               {args.resources}")
    print(f"start-up to healthy:     {startup * 1000:.0f} ms")
    print(f"first cycle:             {cycle.group(1)} targets in {float(cycle.group(2)):.3f} s, "
          f"{cycle.group(3)} failed")
    print(f"agent CPU through cycle: {cpu_after_cycle:.2f} s (start-up included)")
    print(f"RSS after the cycle:     {rss_after_cycle:.1f} MiB")
    print(f"CPU while idle for 2 s:  {cpu_idle:.3f} s")
    print(f"simulator calls:         {sim.requests().get('counts', {})}")
    agent.process.stop()


if __name__ == "__main__":
    main()
