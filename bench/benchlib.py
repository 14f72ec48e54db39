"""Shared helpers of the benchmarks: build targets, a generated estate in the simulator, and an
agent declared over it. Reuses the end-to-end test harness for processes and polling."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
import harness  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
SUBSCRIPTION = "5e7a7e00-0000-4000-8000-000000000001"
# Service Bus metrics of the simulator that support Total and the EntityName dimension (a queue
# filter), in declaration order.
TOTAL_METRICS = ["ActiveMessages", "DeadletteredMessages", "ScheduledMessages", "Messages",
                 "IncomingMessages", "OutgoingMessages", "IncomingRequests", "SuccessfulRequests",
                 "ServerErrors", "UserErrors", "ThrottledRequests"]


def build(build_dir, *targets):
    subprocess.run(["cmake", "--build", str(build_dir), "-j2", "--target", *targets], check=True,
                   stdout=subprocess.DEVNULL)


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_estate(workdir, resources, regions, latency_ms=0, entities=0, seed=1):
    args = ["--estate", str(resources), "--regions", ",".join(regions), "--seed", str(seed),
            "--latency-ms", str(latency_ms)]
    if entities:
        args += ["--estate-entities", str(entities)]
    sim = harness.Simulator(workdir, world=None, extra_args=args)
    estate = json.loads(harness.http(sim.url + "/_sim/estate", timeout=60)[2])["resources"]
    return sim, estate


def declaration(estate, metrics, schedule, aggregation="Total", dimension=None, limit=None):
    head = harness.demo_declaration(schedule=schedule).split("metrics:\n")[0]
    entries = "".join(
        f"      - namespace: {r['id'].rsplit('/', 1)[1]}\n"
        + ("" if dimension else "        queueName: demo_queue\n")
        + f"        subscriptionId: {r['id'].split('/')[2]}\n"
        f"        resourceGroupName: {r['id'].split('/')[4]}\n" for r in estate)
    body = "metrics:\n"
    for metric in metrics:
        body += (f"  - name: estate_{metric.lower()}\n"
                 f"    description: \"{metric} of the estate\"\n"
                 f"    resourceType: ServiceBusNamespace\n"
                 f"    azureMetricConfiguration:\n"
                 f"      metricName: {metric}\n")
        if dimension:
            body += f"      dimensions:\n        - name: {dimension}\n"
        if limit:
            body += f"      limit: {limit}\n"
        body += (f"      aggregation:\n"
                 f"        type: {aggregation}\n"
                 f"    resources:\n" + entries)
    return head + body


def start_agent(workdir, sim, decl, batching=True, per_host=16):
    port = harness.free_port()
    runtime = ("azureMonitor:\n  integration:\n"
               f"    maxRequestsPerHost: {per_host}\n"
               f"    metricsBatching: {{enabled: {'true' if batching else 'false'},"
               " maxBatchSize: 50}\n")
    config = harness.write_config(Path(workdir) / "config", sim.url, port, declaration=decl,
                                  runtime_extra=runtime)
    # MENSOR_BENCH_AGENT_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 (say) runs
    # the agent on another malloc, to compare allocators without rebuilding.
    preload = os.environ.get("MENSOR_BENCH_AGENT_PRELOAD")
    extra = {"LD_PRELOAD": preload} if preload else None
    agent = harness.Agent(Path(workdir) / "agent", config, sim.url, port, env_extra=extra)
    agent.wait_serving(timeout=120)
    return agent


CYCLE = re.compile(r"scraped (\d+) target\(s\) in ([0-9.]+)s, (\d+) failed")


def wait_cycles(agent, count, timeout):
    """Waits until `count` cycles have been logged; returns [(targets, seconds, failed)]."""
    found = harness.wait_until(
        lambda: (lambda m: m if len(m) >= count else None)(CYCLE.findall(agent.log())),
        timeout, f"{count} scrape cycle(s)", interval=0.2, context=agent.process.tail)
    return [(int(t), float(s), int(f)) for t, s, f in found]
