"""The atlassianStatuspage sink end to end against tests/receivers/statuspage_sim.py, which checks
the OAuth API key, the page and metric ids and the body like Statuspage does."""
import unittest

import harness
import receivers
from test_walkthrough import expected_demo_value

API_KEY = "sp-key-5f2c"


def statuspage_sink(url):
    return ("metricSinks:\n"
            "  atlassianStatuspage:\n"
            "    pageId: page-1\n"
            f"    apiBaseUri: {url}\n"
            "    systemMetricMapping:\n"
            "      - id: metric-q\n"
            "        promitorMetricName: demo_queue_size\n")


class StatuspageTest(unittest.TestCase):
    def start(self, api_key, fail_first=()):
        workdir = harness.tempdir("mensor-e2e-statuspage-")
        sim = harness.started(self, receivers.StatuspageSimulator(
            workdir, "page-1", ["metric-q"], API_KEY))
        if fail_first:
            sim.fail_next(*fail_first)
        _, _, agent = harness.start_stack(
            self, "mensor-e2e-statuspage-agent-",
            runtime_replace=[("metricSinks:\n", statuspage_sink(sim.url))],
            env_extra={"PROMITOR_ATLASSIAN_STATUSPAGE_APIKEY": api_key})
        return sim, agent

    def test_mapped_metric_is_posted_with_the_oauth_key(self):
        sim, agent = self.start(API_KEY)
        points = harness.wait_until(sim.points, 20, "a Statuspage data point",
                                    context=agent.process.tail)
        self.assertEqual(points[0]["metric_id"], "metric-q")
        self.assertEqual(points[0]["value"], expected_demo_value())
        # Only the mapped metric is posted: no self-metrics, no other series.
        self.assertEqual({p["metric_id"] for p in points}, {"metric-q"})
        self.assertNotIn(API_KEY, agent.log())

    def test_throttling_and_server_errors_are_retried_until_accepted(self):
        sim, agent = self.start(API_KEY, fail_first=(429, 503, 502))
        points = harness.wait_until(sim.points, 30, "the point after three refusals",
                                    context=agent.process.tail)
        self.assertEqual(points[0]["value"], expected_demo_value())
        retries = agent.wait_sample("mensor_sink_write_retries_total", 20,
                                    where=lambda s: s.value >= 3, sink="atlassianStatuspage")
        self.assertGreaterEqual(retries.value, 3)
        failed = agent.sample("mensor_sink_samples_failed_total", sink="atlassianStatuspage")
        self.assertEqual(failed.value, 0)

    def test_a_wrong_key_is_refused_and_counted_as_failed(self):
        sim, agent = self.start("wrong-key")
        failed = agent.wait_sample("mensor_sink_samples_failed_total", 20,
                                   where=lambda s: s.value > 0, sink="atlassianStatuspage")
        self.assertGreater(failed.value, 0)
        self.assertEqual(sim.points(), [])
        self.assertIn("HTTP 401", agent.log())
        self.assertNotIn("wrong-key", agent.log())


if __name__ == "__main__":
    unittest.main()
