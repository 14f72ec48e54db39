"""The reference walkthrough, end to end: simulator + agent (demo config, managed identity) + a
real Prometheus reading the series back."""
import json
import os
import re
import subprocess
import unittest

import exposition
import harness

DEMO_LABELS = {
    "resource_group": "PromitorWithManagedIdentityRG",
    "subscription_id": "0f9d7fea-99e8-4768-8672-06a28514f77e",
    # Promitor drops the leading slash of the resource id in this label.
    "resource_uri": "subscriptions/0f9d7fea-99e8-4768-8672-06a28514f77e/resourceGroups/"
                    "PromitorWithManagedIdentityRG/providers/Microsoft.ServiceBus/namespaces/"
                    "PromitorUniqueNameServiceBus",
    "instance_name": "PromitorUniqueNameServiceBus",
    "entity_name": "demo_queue",
    "tenant_id": "c8819874-9e56-4e3f-b1a8-1c0325138f27",
}
DESCRIPTION = "Amount of active messages of the 'demo_queue' queue"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def expected_demo_value():
    """The world gives demo_queue a fixed ActiveMessages sample per minute (42). The declaration
    asks for aggregation Total over an interval of 00:05:00, so Azure Monitor's one PT5M bucket
    sums five one-minute samples: 5 x 42 = 210."""
    world = json.loads(harness.WORLD.read_text())
    per_minute = world["resources"][0]["entities"]["demo_queue"]["ActiveMessages"]
    declaration = harness.demo_declaration()
    h, m, s = map(int, re.search(r"interval: (\d+):(\d+):(\d+)", declaration).groups())
    assert "type: Total" in declaration
    minutes = (h * 3600 + m * 60 + s) // 60
    return per_minute * minutes


class WalkthroughTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir, cls.sim, cls.agent = harness.start_stack(cls, "mensor-e2e-walkthrough-")
        cls.agent.wait_sample("demo_queue_size", 15, **DEMO_LABELS)

    def test_prometheus_reads_the_walkthrough_series(self):
        binary = harness.require_tool("prometheus")
        port = int(self.agent.url.rsplit(":", 1)[1])
        prom = harness.started(self, harness.Prometheus(binary, self.workdir, port))
        result = harness.wait_until(lambda: prom.query("demo_queue_size"), 20,
                                    "demo_queue_size in Prometheus", interval=0.2,
                                    context=prom.process.tail)
        self.assertEqual(len(result), 1, result)
        labels = dict(result[0]["metric"])
        self.assertEqual(labels.pop("__name__"), "demo_queue_size")
        self.assertEqual(labels.pop("job"), "mensor")
        self.assertEqual(labels.pop("instance"), f"127.0.0.1:{port}")
        self.assertEqual(labels, DEMO_LABELS)
        self.assertEqual(float(result[0]["value"][1]), expected_demo_value())

        metadata = prom.api("metadata", metric="demo_queue_size")["demo_queue_size"]
        self.assertEqual(metadata[0]["type"], "gauge")
        self.assertEqual(metadata[0]["help"], DESCRIPTION)

        targets = prom.api("targets")["activeTargets"]
        self.assertEqual([t["health"] for t in targets], ["up"], targets)

    def test_exposition_passes_promtool(self):
        promtool = harness.require_tool(
            "promtool", ("MENSOR_REQUIRE_PROMETHEUS", "MENSOR_REQUIRE_PROMTOOL"))
        status, _, body = self.agent.get("/metrics")
        self.assertEqual(status, 200)
        check = subprocess.run([promtool, "check", "metrics"], input=body, capture_output=True,
                               text=True, timeout=20)
        self.assertEqual(check.returncode, 0, f"promtool: {check.stderr}\n--- body ---\n{body}")

    def test_exposition_is_the_walkthrough_output(self):
        status, headers, body = self.agent.get("/metrics")
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("Content-Type"), CONTENT_TYPE)
        meta = exposition.metadata(body)["demo_queue_size"]
        self.assertEqual(meta, {"help": DESCRIPTION, "type": "gauge"})
        (sample,) = exposition.select(exposition.parse(body), "demo_queue_size")
        self.assertEqual(sample.labels, DEMO_LABELS)
        self.assertEqual(sample.value, expected_demo_value())
        self.assertIsNotNone(sample.timestamp_ms, "enableMetricTimestamps is true")
        for name in ("promitor_scrape_success", "promitor_scrape_error",
                     "promitor_ratelimit_arm", "promitor_ratelimit_arm_throttled"):
            self.assertTrue(exposition.select(exposition.parse(body), name), name)

    def test_process_metrics_describe_the_agent(self):
        body = self.agent.get("/metrics")[2]
        samples = exposition.parse(body)
        (rss,) = exposition.select(samples, "promitor_runtime_process_resident_memory_bytes")
        pid = self.agent.process.proc.pid
        with open(f"/proc/{pid}/statm") as statm:
            resident_now = int(statm.read().split()[1]) * os.sysconf("SC_PAGESIZE")
        # Sampled up to 10 s ago: same order of magnitude as the process's resident size now.
        self.assertLess(rss.value, resident_now * 4)
        self.assertGreater(rss.value, resident_now / 4)
        self.assertEqual(exposition.metadata(body)["promitor_runtime_process_cpu_seconds_total"]
                         ["type"], "counter")

    def test_http_api(self):
        version = harness.run_mensor("--version").stdout.splitlines()[0].split()[-1]
        status, headers, body = self.agent.get("/api/v1/health")
        self.assertEqual(status, 200, body)
        self.assertTrue(headers["Content-Type"].startswith("application/json"), headers)
        self.assertEqual(json.loads(body)["status"], "Healthy")

        status, _, body = self.agent.get("/api/v1/system")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), {"version": version})

        status, headers, body = self.agent.get("/api/v1/configuration/runtime")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("application/json"), headers)
        runtime = json.loads(body)
        self.assertEqual(runtime["authentication"]["mode"], "SystemAssignedManagedIdentity")

        for path in ("/api/v1/health", "/api/v1/system", "/api/v1/configuration/runtime",
                     "/api/v1/configuration/metric-declaration", "/metrics"):
            with self.subTest(path=path):
                self.assertEqual(self.agent.get(path)[1].get("X-Version"), version)

    def test_token_is_fetched_once_and_cached(self):
        counts = self.sim.requests()["counts"]
        self.assertGreaterEqual(counts.get("metrics", 0), 1, counts)
        self.assertEqual(counts.get("imds", 0), 1, counts)
        self.assertEqual(counts.get("unauthorized", 0), 0, counts)


if __name__ == "__main__":
    unittest.main()
