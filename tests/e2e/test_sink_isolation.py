"""Fault isolation between sinks: with the remote-write sink pointed at a black hole (connections
accepted, never answered), StatsD and the Prometheus endpoint still receive every scrape, the
broken sink retries with back-off and says so in its self-metrics, and SIGTERM still ends the
agent cleanly within its flush deadline."""
import unittest

import harness
import receivers
from test_walkthrough import DEMO_LABELS, expected_demo_value


class BlackHoleSinkTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        node = receivers.require_receivers()
        cls.workdir = harness.tempdir("mensor-e2e-isolation-")
        cls.hole = harness.started(cls, receivers.BlackHole())
        cls.daemon = harness.started(cls, receivers.StatsdDaemon(cls.workdir, node))
        sinks = ("metricSinks:\n"
                 "  prometheusRemoteWrite:\n"
                 f"    url: {cls.hole.url}/api/v1/write\n"
                 "    timeout: 2s\n"
                 "  statsd:\n"
                 "    host: 127.0.0.1\n"
                 f"    port: {cls.daemon.port}\n")
        _, cls.sim, cls.agent = harness.start_stack(
            cls, "mensor-e2e-isolation-agent-", runtime_replace=[("metricSinks:\n", sinks)])

    def test_other_sinks_deliver_while_one_hangs(self):
        line = f"demo_queue_size:{expected_demo_value()}|g"
        harness.wait_until(lambda: line in self.daemon.repeated.lines(), 20,
                           "the StatsD line despite the black hole",
                           context=self.agent.process.tail)
        self.agent.wait_sample("demo_queue_size", 20, **DEMO_LABELS)
        # The hanging sink is retried, not forgotten, and nothing reached it.
        retries = self.agent.wait_sample("mensor_sink_write_retries_total", 30,
                                         where=lambda s: s.value >= 1,
                                         sink="prometheusRemoteWrite")
        self.assertGreaterEqual(retries.value, 1)
        written = self.agent.sample("mensor_sink_samples_written_total",
                                    sink="prometheusRemoteWrite")
        self.assertEqual(written.value, 0)
        statsd = self.agent.wait_sample("mensor_sink_samples_written_total", 20,
                                        where=lambda s: s.value > 0, sink="statsd")
        self.assertGreater(statsd.value, 0)
        self.assertIn("retrying with back-off", self.agent.log())

    def test_sigterm_flushes_within_the_deadline(self):
        # Runs last (unittest orders by name): stops the shared agent.
        harness.wait_until(lambda: "retrying with back-off" in self.agent.log(), 20,
                           "the first failed write", context=self.agent.process.tail)
        _, code = self.agent.stop(timeout=15)
        self.assertEqual(code, 0, self.agent.process.tail())


if __name__ == "__main__":
    unittest.main()
