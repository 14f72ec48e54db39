#!/usr/bin/env python3
"""Benchmark (a): Azure calls per scrape cycle against the lower bound.

Plans N = 1,000 resources in 3 regions x K = 25 metrics with the agent's request planner
(mensor-bench-plan), then runs the real agent against the simulator's generated estate with the
simulator's Service Bus metrics (K = 11, all asked as Total) and counts the calls the simulator
received in one cycle, by kind.

    python3 bench/calls_per_cycle.py [--resources 1000] [--build build]
"""
import argparse
import math
import subprocess
from collections import Counter
from pathlib import Path

import benchlib
from benchlib import harness


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--build", default="build")
    args = parser.parse_args()
    build = Path(args.build).resolve()
    harness.BIN = build / "bin"
    benchlib.build(build, "mensor", "mensor-azure-sim", "mensor-bench-plan",
                   "mensor-plugin-servicebus", "mensor-plugin-prometheus",
                   "mensor-plugin-managed-identity")
    print("== planner, K = 25 ==")
    subprocess.run([str(build / "bin" / "mensor-bench-plan"), str(args.resources), "25", "3"])

    regions = ["westeurope", "northeurope", "eastus"]
    metrics = benchlib.TOTAL_METRICS
    work = harness.tempdir("mensor-bench-calls-")
    sim, estate = benchlib.start_estate(work, args.resources, regions)
    try:
        agent = benchlib.start_agent(work, sim,
                                     benchlib.declaration(estate, metrics, "*/10 * * * *"))
        try:
            cycles = benchlib.wait_cycles(agent, 1, 600)
            counts = sim.requests()["counts"]
            per_region = Counter(r["location"] for r in estate)
            bound = sum(math.ceil(n / 50) * math.ceil(len(metrics) / 20)
                        for n in per_region.values())
            print(f"\n== agent + simulator, N = {args.resources} in {len(regions)} regions, "
                  f"K = {len(metrics)} ==")
            print(f"first cycle: {cycles[0][0]} targets in {cycles[0][1]:.2f} s, "
                  f"{cycles[0][2]} failed")
            print(f"getBatch calls:          {counts.get('batch', 0)} (lower bound {bound})")
            print(f"region lookups (once):   {counts.get('resource_graph', 0)} Resource Graph "
                  f"calls, {counts.get('resource', 0)} resource GETs")
            print(f"metric definitions:      {counts.get('metric_definitions', 0)}")
            print(f"ARM metrics calls:       {counts.get('metrics', 0)}")
            print(f"Promitor would send:     {args.resources * len(metrics)} ARM calls a cycle")
            errors = [line for line in agent.log().splitlines() if " error " in line]
            if errors:
                print(f"first failure: {errors[0][:400]}")
        finally:
            agent.process.stop()
    finally:
        sim.close()


if __name__ == "__main__":
    main()
