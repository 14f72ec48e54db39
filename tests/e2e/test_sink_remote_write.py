"""The prometheusRemoteWrite sink end to end: a real Prometheus started with
--web.enable-remote-write-receiver decodes what the agent pushes; the series are read back with
PromQL. A bearer token file and extra headers travel with every request."""
import unittest

import harness
import receivers
from test_walkthrough import DEMO_LABELS, expected_demo_value


class RemoteWriteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        binary = harness.require_tool("prometheus")
        cls.workdir = harness.tempdir("mensor-e2e-remote-write-")
        cls.prom = harness.started(cls, receivers.RemoteWritePrometheus(binary, cls.workdir))
        token = cls.workdir / "token"
        token.write_text("not-checked-by-prometheus\n")
        sink = ("metricSinks:\n"
                "  prometheusRemoteWrite:\n"
                f"    url: {cls.prom.write_url}\n"
                f"    bearerTokenFile: {token}\n"
                "    timeout: 5s\n"
                "    headers:\n"
                "      - name: X-Scope-OrgID\n"
                "        value: team-a\n")
        _, cls.sim, cls.agent = harness.start_stack(
            cls, "mensor-e2e-remote-write-agent-", runtime_replace=[("metricSinks:\n", sink)])

    def test_promql_reads_the_walkthrough_series(self):
        result = harness.wait_until(lambda: self.prom.query("demo_queue_size"), 30,
                                    "demo_queue_size in Prometheus via remote write",
                                    interval=0.2, context=self.agent.process.tail)
        self.assertEqual(len(result), 1, result)
        labels = dict(result[0]["metric"])
        self.assertEqual(labels.pop("__name__"), "demo_queue_size")
        self.assertEqual(labels, DEMO_LABELS)  # no job/instance: pushed, not scraped
        self.assertEqual(float(result[0]["value"][1]), expected_demo_value())

    def test_self_metrics_arrive_as_counters(self):
        result = harness.wait_until(
            lambda: self.prom.query('mensor_sink_samples_written_total{sink="prometheusRemoteWrite"}'
                                    ' > 0'),
            40, "the sink's own written counter", interval=0.2, context=self.agent.process.tail)
        self.assertEqual(len(result), 1, result)
        failed = self.prom.query('mensor_sink_samples_failed_total{sink="prometheusRemoteWrite"}')
        self.assertEqual([float(r["value"][1]) for r in failed], [0.0])


class RemoteWriteRetryTest(unittest.TestCase):
    """Remote write 1.0: 429 and 5xx are retried with back-off until the receiver accepts."""

    def test_throttled_and_failing_receiver_gets_the_data_later(self):
        binary = harness.require_tool("prometheus")
        workdir = harness.tempdir("mensor-e2e-remote-write-retry-")
        prom = harness.started(self, receivers.RemoteWritePrometheus(binary, workdir))
        front = harness.started(self, receivers.FlakyFront(prom.url, [429, 503, 500]))
        sink = ("metricSinks:\n"
                "  prometheusRemoteWrite:\n"
                f"    url: {front.url}/api/v1/write\n")
        _, _, agent = harness.start_stack(self, "mensor-e2e-remote-write-retry-agent-",
                                          runtime_replace=[("metricSinks:\n", sink)])
        result = harness.wait_until(lambda: prom.query("demo_queue_size"), 30,
                                    "demo_queue_size after the refusals", interval=0.2,
                                    context=agent.process.tail)
        self.assertEqual(float(result[0]["value"][1]), expected_demo_value())
        self.assertEqual(front.answered()[:4], [429, 503, 500, 204])
        retries = agent.wait_sample("mensor_sink_write_retries_total", 20,
                                    where=lambda s: s.value >= 3, sink="prometheusRemoteWrite")
        self.assertGreaterEqual(retries.value, 3)


if __name__ == "__main__":
    unittest.main()
