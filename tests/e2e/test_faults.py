"""Fault injection through the simulator: one failing metric must not hurt the other, throttling
and token failures are reported and recovered from, slow answers don't block /metrics, and
SIGTERM is quick even mid-request."""
import time
import unittest

import harness

# Every two seconds, so each case sees several runs quickly.
SCHEDULE = "*/2 * * * * *"
DECLARATION = harness.demo_declaration(SCHEDULE,
                                       harness.queue_metric("orders_queue_size", "orders"))
METRICS = "/providers/Microsoft.Insights/metrics?"
# `match` sees path plus query; the filter carries the entity name: EntityName eq 'demo_queue'.
DEMO_ONLY = "%27demo_queue%27"
RUN_WAIT = 10  # seconds: a few scheduled runs
# The managed-identity plugin retries a failing IMDS 5 times with back-off from 1 s (about 15 s
# in all) before a scrape fails; the plugin's test knob shortens that to well under a run.
IMDS_RETRY_DELAY_MS = 20


def now_ms():
    return int(time.time() * 1000)


class FaultsTest(unittest.TestCase):
    def start(self, faults=()):
        _, self.sim, self.agent = harness.start_stack(
            self, "mensor-e2e-faults-", declaration=DECLARATION, faults=faults,
            env_extra={"MENSOR_MANAGED_IDENTITY_RETRY_DELAY_MS": str(IMDS_RETRY_DELAY_MS)})

    def wait_scrape(self, metric, succeeded, after_ms=0):
        """Waits until the last scrape of `metric`, recorded after `after_ms`, has this outcome."""
        name = "promitor_scrape_success" if succeeded else "promitor_scrape_error"
        return self.agent.wait_sample(
            name, RUN_WAIT, lambda s: s.value == 1 and s.timestamp_ms > after_ms,
            metric_name=metric)

    def test_arm_500_for_one_metric_only(self):
        self.start()
        healthy = self.agent.wait_sample("demo_queue_size", RUN_WAIT)
        self.sim.fault(match=DEMO_ONLY, status=500)
        faulted_at = now_ms()

        self.wait_scrape("demo_queue_size", False, faulted_at)
        # The other metric keeps being scraped, on later runs than the failure.
        failed_at = now_ms()
        self.wait_scrape("orders_queue_size", True, failed_at)
        self.assertEqual(self.agent.sample("promitor_scrape_error",
                                           metric_name="orders_queue_size").value, 0)
        orders = self.agent.sample("orders_queue_size")
        self.assertGreater(orders.timestamp_ms, failed_at)
        # The failing metric's last value stays exposed, unchanged.
        demo = self.agent.sample("demo_queue_size")
        self.assertEqual((demo.value, demo.timestamp_ms), (healthy.value, healthy.timestamp_ms))
        self.assertEqual(self.agent.sample("promitor_scrape_success",
                                           metric_name="demo_queue_size").value, 0)
        self.assertTrue(self.agent.process.alive())

        self.sim.clear_faults()
        cleared_at = now_ms()
        # One log line per failed scrape, naming the metric and the HTTP status; each failed
        # scrape is one request and three retries with back-off (a scrape cut short by the
        # clearing succeeds on a later retry and logs nothing).
        failed_scrapes = self.sim.count("faults_injected") // 4
        self.assertGreaterEqual(failed_scrapes, 1)
        failure_lines = lambda: [line for line in self.agent.log().splitlines()
                                 if "failed" in line and "demo_queue_size" in line]
        lines = harness.wait_until(
            lambda: len(failure_lines()) >= failed_scrapes and failure_lines(), 5,
            f"{failed_scrapes} failure log lines", context=self.agent.log)
        self.assertEqual(len(lines), failed_scrapes, lines)
        for line in lines:
            self.assertRegex(line, r"\b500\b", "the log line should name the HTTP status")
        self.assertNotIn("orders_queue_size", "\n".join(
            line for line in self.agent.log().splitlines() if "failed:" in line))

        self.wait_scrape("demo_queue_size", True, cleared_at)
        self.assertEqual(self.agent.sample("promitor_scrape_error",
                                           metric_name="demo_queue_size").value, 0)

    def test_arm_429_with_retry_after(self):
        self.start()
        self.agent.wait_sample("demo_queue_size", RUN_WAIT)
        self.sim.fault(match=METRICS, status=429, retryAfter=1)
        faulted_at = now_ms()

        self.agent.wait_sample("promitor_ratelimit_arm_throttled", RUN_WAIT,
                               lambda s: s.value == 1 and s.timestamp_ms > faulted_at)
        for metric in ("demo_queue_size", "orders_queue_size"):
            self.wait_scrape(metric, False, faulted_at)
        self.assertRegex(self.agent.log(), r"(?m)^.*demo_queue_size.*failed.*\b429\b.*$")

        self.sim.clear_faults()
        cleared_at = now_ms()
        self.agent.wait_sample("promitor_ratelimit_arm_throttled", RUN_WAIT,
                               lambda s: s.value == 0 and s.timestamp_ms > cleared_at)
        for metric in ("demo_queue_size", "orders_queue_size"):
            self.wait_scrape(metric, True, cleared_at)

    def test_token_endpoint_failing_from_the_start(self):
        self.start(faults=[{"match": "/metadata/identity/oauth2/token", "status": 500}])
        status, headers, body = self.agent.get("/api/v1/health")
        self.assertIn(status, (200, 503), body)
        self.assertTrue(headers["Content-Type"].startswith("application/json"))
        for metric in ("demo_queue_size", "orders_queue_size"):
            self.wait_scrape(metric, False)
        self.assertIsNone(self.agent.sample("demo_queue_size"))
        self.assertEqual(self.sim.count("metrics"), 0, "no ARM call without a token")
        self.assertRegex(self.agent.log(), r"(?m)^.*demo_queue_size.*failed.*token.*$")
        self.assertTrue(self.agent.process.alive())

        self.sim.clear_faults()
        cleared_at = now_ms()
        for metric in ("demo_queue_size", "orders_queue_size"):
            self.wait_scrape(metric, True, cleared_at)
        self.assertIsNotNone(self.agent.sample("demo_queue_size"))

    def test_slow_arm_does_not_block_metrics(self):
        self.start()
        self.agent.wait_sample("demo_queue_size", RUN_WAIT)
        self.sim.fault(match=DEMO_ONLY, delayMs=5000)
        harness.wait_until(lambda: self.sim.count("delayed") >= 1, RUN_WAIT,
                           "a delayed ARM request")
        for path in ("/metrics", "/api/v1/health", "/metrics"):
            started = time.monotonic()
            status, _, body = self.agent.get(path, timeout=2)
            elapsed = time.monotonic() - started
            self.assertEqual(status, 200, body)
            self.assertLess(elapsed, 0.5, f"{path} took {elapsed:.2f}s during a slow scrape")
        self.assertIn("demo_queue_size{", body)

    def test_sigterm_when_idle(self):
        self.start()
        self.agent.wait_sample("demo_queue_size", RUN_WAIT)
        elapsed, code = self.agent.stop()
        self.assertEqual(code, 0, self.agent.log())
        self.assertLess(elapsed, 2)

    def test_sigterm_during_a_slow_request(self):
        self.start()
        self.agent.wait_sample("demo_queue_size", RUN_WAIT)
        self.sim.fault(match=METRICS, delayMs=30000)
        harness.wait_until(lambda: self.sim.count("delayed") >= 1, RUN_WAIT,
                           "a delayed ARM request")
        elapsed, code = self.agent.stop()
        self.assertEqual(code, 0, self.agent.log())
        self.assertLess(elapsed, 2, self.agent.log())


if __name__ == "__main__":
    unittest.main()
