#!/usr/bin/env python3
"""Benchmark (b): scrape cycle time at 100 ms Azure latency, 10,000 resources x 5 metrics.

The simulator answers every call after --latency-ms; the agent scrapes with getBatch and
maxRequestsPerHost concurrent calls. The median of --cycles steady-state cycles is compared with
1.2 x calls / concurrency x latency; the first cycle also looks up every resource's region once
(Resource Graph pages of 1,000, ARM resource GETs for what it does not answer).

    python3 bench/cycle_time.py [--resources 10000] [--latency-ms 100] [--build build]
"""
import argparse
import statistics
from pathlib import Path

import benchlib
from benchlib import harness


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=10000)
    parser.add_argument("--metrics", type=int, default=5)
    parser.add_argument("--latency-ms", type=int, default=100)
    parser.add_argument("--per-host", type=int, default=16)
    parser.add_argument("--batching", default="on", choices=["on", "off"])
    parser.add_argument("--cycles", type=int, default=5, help="steady-state cycles to time")
    parser.add_argument("--build", default="build")
    args = parser.parse_args()
    build = Path(args.build).resolve()
    harness.BIN = build / "bin"
    benchlib.build(build, "mensor", "mensor-azure-sim", "mensor-plugin-servicebus",
                   "mensor-plugin-prometheus", "mensor-plugin-managed-identity")
    work = harness.tempdir("mensor-bench-cycle-")
    sim, estate = benchlib.start_estate(work, args.resources, ["westeurope"], args.latency_ms)
    metrics = benchlib.TOTAL_METRICS[:args.metrics]
    try:
        # Every 10 s (six-field cron): each cycle starts once the previous one is done.
        agent = benchlib.start_agent(
            work, sim, benchlib.declaration(estate, metrics, "*/10 * * * * *"),
            batching=args.batching == "on", per_host=args.per_host)
        try:
            pid = agent.process.proc.pid
            sim_pid = sim.process.proc.pid
            first = benchlib.wait_cycles(agent, 1, 900)[0]
            calls_first = sim.requests()["counts"]
            cpu_first = benchlib.cpu_seconds(pid), benchlib.cpu_seconds(sim_pid)
            cycles = benchlib.wait_cycles(agent, 1 + args.cycles, 900 + 20 * args.cycles)[1:]
            calls_after = sim.requests()["counts"]
            cpu_after = benchlib.cpu_seconds(pid), benchlib.cpu_seconds(sim_pid)
            kind = "batch" if args.batching == "on" else "metrics"
            calls = (calls_after.get(kind, 0) - calls_first.get(kind, 0)) / args.cycles
            target = 1.2 * calls / args.per_host * args.latency_ms / 1000
            walls = sorted(c[1] for c in cycles)
            median = statistics.median(walls)
            print(f"resources x metrics:   {args.resources} x {len(metrics)}, latency "
                  f"{args.latency_ms} ms, {args.per_host} calls in flight per host")
            print(f"first cycle:           {first[1]:.2f} s "
                  f"({calls_first.get('resource_graph', 0)} Resource Graph calls, "
                  f"{calls_first.get('resource', 0)} resource GETs, "
                  f"{calls_first.get(kind, 0)} {kind} calls, {first[2]} failed)")
            print(f"steady-state cycles:   median {median:.2f} s, min {walls[0]:.2f} s, max "
                  f"{walls[-1]:.2f} s over {args.cycles} ({calls:.0f} {kind} calls each, "
                  f"{sum(c[2] for c in cycles)} failed)")
            print(f"1.2 x calls/concurrency x latency: {target:.2f} s -> "
                  f"{'within' if median <= target else 'OVER'}")
            print(f"CPU per steady cycle (incl. the idle gaps): agent "
                  f"{(cpu_after[0] - cpu_first[0]) / args.cycles:.2f} s, simulator "
                  f"{(cpu_after[1] - cpu_first[1]) / args.cycles:.2f} s")
            print(f"agent RSS {benchlib.rss_mib(pid):.1f} MiB, "
                  f"CPU {benchlib.cpu_seconds(pid):.2f} s in total")
        finally:
            agent.process.stop()
    finally:
        sim.close()


if __name__ == "__main__":
    main()
