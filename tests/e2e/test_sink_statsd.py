"""The statsd sink end to end: simulator + agent + the real Etsy StatsD daemon. The repeater
backend shows the exact bytes Mensor sent; the management port shows what the daemon parsed."""
import json
import unittest

import harness
import receivers
from test_walkthrough import DEMO_LABELS, expected_demo_value


def start_with_statsd(cls, prefix, extra=""):
    """Starts a StatsD daemon and the walkthrough agent sending to it (plus /metrics)."""
    node = receivers.require_receivers()
    cls.workdir = harness.tempdir(f"mensor-e2e-{prefix}-")
    cls.daemon = harness.started(cls, receivers.StatsdDaemon(cls.workdir, node))
    _, cls.sim, cls.agent = harness.start_stack(
        cls, f"mensor-e2e-{prefix}-agent-",
        runtime_replace=[("metricSinks:\n", statsd_sink(cls.daemon, extra))])


def statsd_sink(daemon, extra=""):
    return ("metricSinks:\n"
            "  statsd:\n"
            "    host: 127.0.0.1\n"
            f"    port: {daemon.port}\n"
            "    metricPrefix: promitor.\n" + extra)


class StatsdDefaultFormatTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        start_with_statsd(cls, "statsd")

    def test_promitor_gauge_line_without_double_dot(self):
        line = f"promitor.demo_queue_size:{expected_demo_value()}|g"
        harness.wait_until(lambda: line in self.daemon.repeated.lines(), 20,
                           f"{line!r} at the StatsD daemon", context=self.agent.process.tail)
        self.assertFalse(any(".." in l for l in self.daemon.repeated.lines()))

    def test_daemon_parses_every_line(self):
        gauge = "'promitor.demo_queue_size': %d" % expected_demo_value()
        harness.wait_until(lambda: gauge in self.daemon.admin("gauges"), 20,
                           "the gauge in the daemon", context=self.agent.process.tail)
        stats = self.daemon.admin("stats")
        self.assertIn("bad_lines_seen: 0", stats)

    def test_sink_self_metrics_reach_prometheus_endpoint(self):
        sample = self.agent.wait_sample("mensor_sink_samples_written_total", 20,
                                        where=lambda s: s.value > 0, sink="statsd")
        self.assertGreater(sample.value, 0)
        self.assertIsNotNone(self.agent.sample("mensor_sink_queue_depth", sink="statsd"))
        dropped = self.agent.sample("mensor_sink_samples_dropped_total", sink="statsd")
        self.assertEqual(dropped.value, 0)


class StatsdDogStatsDFormatTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        start_with_statsd(cls, "dogstatsd", "    metricFormat: DogStatsD\n")

    def test_every_label_arrives_as_a_tag(self):
        def line():
            return next((l for l in self.daemon.repeated.lines()
                         if l.startswith("promitor.demo_queue_size:")), None)
        found = harness.wait_until(line, 20, "the tagged line", context=self.agent.process.tail)
        value, _, tags = found.partition("|g|#")
        self.assertEqual(value, f"promitor.demo_queue_size:{expected_demo_value()}")
        parsed = dict(tag.split(":", 1) for tag in tags.split(","))
        self.assertEqual(parsed, DEMO_LABELS)
        # The daemon folds DogStatsD tags into the gauge's name as ;key=value.
        gauges = self.daemon.admin("gauges")
        self.assertIn("promitor.demo_queue_size;", gauges)
        self.assertIn("entity_name=demo_queue", gauges)
        self.assertIn("bad_lines_seen: 0", self.daemon.admin("stats"))


class StatsdGenevaFormatTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        start_with_statsd(cls, "geneva", "    metricFormat: Geneva\n"
                                         "    geneva:\n"
                                         "      account: acc\n"
                                         "      namespace: ns\n")

    def test_json_bucket_with_every_label(self):
        def bucket():
            for line in self.daemon.repeated.lines():
                head, _, value = line.rpartition(":")
                if '"Metric":"demo_queue_size"' in head:
                    return head, value
            return None
        head, value = harness.wait_until(bucket, 20, "the Geneva line",
                                         context=self.agent.process.tail)
        self.assertEqual(value, f"{expected_demo_value()}|g")
        self.assertTrue(head.startswith("promitor.{"), head)
        document = json.loads(head[len("promitor."):])
        self.assertEqual(document, {"Account": "acc", "Namespace": "ns",
                                    "Metric": "demo_queue_size", "Dims": DEMO_LABELS})


if __name__ == "__main__":
    unittest.main()
