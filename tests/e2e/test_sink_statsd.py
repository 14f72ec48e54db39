"""The statsd sink end to end: simulator + agent + the real Etsy StatsD daemon. The repeater
backend shows the exact bytes Mensor sent; the management port shows what the daemon parsed."""
import unittest

import harness
import receivers
from test_walkthrough import DEMO_LABELS, expected_demo_value


def statsd_sink(daemon, extra=""):
    return ("metricSinks:\n"
            "  statsd:\n"
            "    host: 127.0.0.1\n"
            f"    port: {daemon.port}\n"
            "    metricPrefix: promitor.\n" + extra)


class StatsdDefaultFormatTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        node = receivers.require_receivers()
        cls.workdir = harness.tempdir("mensor-e2e-statsd-")
        cls.daemon = harness.started(cls, receivers.StatsdDaemon(cls.workdir, node))
        _, cls.sim, cls.agent = harness.start_stack(
            cls, "mensor-e2e-statsd-agent-",
            runtime_replace=[("metricSinks:\n", statsd_sink(cls.daemon))])

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
        node = receivers.require_receivers()
        cls.workdir = harness.tempdir("mensor-e2e-dogstatsd-")
        cls.daemon = harness.started(cls, receivers.StatsdDaemon(cls.workdir, node))
        _, cls.sim, cls.agent = harness.start_stack(
            cls, "mensor-e2e-dogstatsd-agent-",
            runtime_replace=[("metricSinks:\n",
                              statsd_sink(cls.daemon, "    metricFormat: DogStatsD\n"))])

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


if __name__ == "__main__":
    unittest.main()
