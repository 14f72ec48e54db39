"""Scale features end to end: getBatch per region against a generated estate, the calls the
simulator counted, and the /metrics negotiation (gzip, OpenMetrics) checked by promtool and a
real Prometheus."""
import gzip
import json
import math
import subprocess
import unittest
import urllib.request
from collections import Counter

import exposition
import harness

RESOURCES = 120
REGIONS = ["westeurope", "northeurope", "eastus"]
OPENMETRICS_ACCEPT = ("application/openmetrics-text;version=1.0.0,"
                      "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")


def estate_declaration(estate, schedule="*/5 * * * *"):
    head = harness.demo_declaration(schedule=schedule).split("metrics:\n")[0]
    entries = "".join(
        f"      - namespace: {r['id'].rsplit('/', 1)[1]}\n"
        f"        queueName: demo_queue\n"
        f"        subscriptionId: {r['id'].split('/')[2]}\n"
        f"        resourceGroupName: {r['id'].split('/')[4]}\n" for r in estate)
    return (head + "metrics:\n"
            "  - name: estate_queue_size\n"
            "    description: \"Active messages\"\n"
            "    resourceType: ServiceBusNamespace\n"
            "    azureMetricConfiguration:\n"
            "      metricName: ActiveMessages\n"
            "      aggregation:\n"
            "        type: Total\n"
            "    resources:\n" + entries)


class ScaleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = harness.tempdir("mensor-e2e-scale-")
        cls.sim = harness.started(cls, harness.Simulator(
            cls.workdir, world=None,
            extra_args=["--estate", str(RESOURCES), "--regions", ",".join(REGIONS), "--seed", "3"]))
        cls.estate = json.loads(harness.http(cls.sim.url + "/_sim/estate")[2])["resources"]
        port = harness.free_port()
        config = harness.write_config(
            cls.workdir / "config", cls.sim.url, port,
            declaration=estate_declaration(cls.estate),
            runtime_extra="azureMonitor:\n  integration:\n"
                          "    metricsBatching: {enabled: true, maxBatchSize: 50}\n")
        cls.agent = harness.started(cls, harness.Agent(cls.workdir / "agent", config,
                                                       cls.sim.url, port))
        cls.agent.wait_serving()
        harness.wait_until(lambda: "scraped" in cls.agent.log(), 60, "the first scrape cycle",
                           context=cls.agent.process.tail)

    def test_one_get_batch_per_fifty_resources_of_a_region(self):
        per_region = Counter(r["location"] for r in self.estate)
        bound = sum(math.ceil(n / 50) for n in per_region.values())
        counts = self.sim.requests()["counts"]
        self.assertEqual(counts.get("batch", 0), bound, counts)
        # One subscription and one type: a single Resource Graph page holds every region.
        self.assertEqual(counts.get("resource_graph", 0), math.ceil(RESOURCES / 1000), counts)
        self.assertEqual(counts.get("resource", 0), 0, "no resource GET for a region")
        self.assertEqual(counts.get("metrics", 0), 0, "no per-resource ARM metrics calls")
        self.assertEqual(counts.get("metric_definitions", 0), 1, "definitions once per type")
        samples = exposition.select(self.agent.samples(), "estate_queue_size")
        self.assertEqual(len(samples), RESOURCES)
        self.assertRegex(self.agent.log(), rf"scraped {RESOURCES} target\(s\) in [0-9.]+s, 0 failed")

    def test_gzip_body_is_the_plain_body_compressed(self):
        for _ in range(3):  # a cycle may land between the two requests: try again
            plain = self.agent.get("/metrics")[2]
            request = urllib.request.Request(self.agent.url + "/metrics",
                                             headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request, timeout=5) as response:
                self.assertEqual(response.headers.get("Content-Encoding"), "gzip")
                body = response.read()
            if gzip.decompress(body).decode() == plain:
                return
        self.fail("the gzip body never matched the plain body")

    def test_openmetrics_when_asked(self):
        status, headers, body = harness.http(self.agent.url + "/metrics",
                                             headers={"Accept": OPENMETRICS_ACCEPT})
        self.assertEqual(status, 200)
        self.assertTrue(headers.get("Content-Type", "").startswith(
            "application/openmetrics-text; version=1.0.0"), headers)
        text = body
        self.assertTrue(text.endswith("# EOF\n"))
        self.assertIn("# TYPE mensor_azure_calls counter", text)
        self.assertRegex(text, r'mensor_azure_calls_total\{kind="batch",status="200"\} \d+')

    def test_promtool_accepts_the_text_body(self):
        promtool = harness.require_tool("promtool", ("MENSOR_REQUIRE_PROMTOOL",))
        if promtool is None:
            return
        result = subprocess.run([promtool, "check", "metrics"], input=self.agent.get("/metrics")[2],
                                capture_output=True, text=True, timeout=30)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_prometheus_scrapes_openmetrics(self):
        binary = harness.require_tool("prometheus")
        if binary is None:
            return
        prometheus = harness.started(self, harness.Prometheus(
            binary, harness.tempdir("mensor-e2e-scale-prom-"),
            int(self.agent.url.rsplit(":", 1)[1])))
        result = harness.wait_until(
            lambda: prometheus.query("count(estate_queue_size)"), 30,
            "Prometheus to ingest the estate")
        self.assertEqual(int(float(result[0]["value"][1])), RESOURCES)
        up = prometheus.query('up{job="mensor"}')
        self.assertEqual(up[0]["value"][1], "1")


if __name__ == "__main__":
    unittest.main()
