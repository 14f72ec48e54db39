"""Token life end to end: one token request for many concurrent scrapes, refreshes of
short-lived tokens without a thundering herd, ARM rejecting expired or wrong-audience tokens,
transient IMDS errors recovered by back-off, and the auth self-metrics."""
import re
import unittest

import auth_support as support
import harness

SCRAPE_WAIT = 20
QUEUES = 12  # metrics scraped concurrently on every run
DECLARATION = harness.demo_declaration(support.FAST_SCHEDULE, "".join(
    harness.queue_metric(f"queue_{i}_size", "demo_queue" if i % 2 else "orders")
    for i in range(QUEUES)))
SERVICE_PRINCIPAL = "mode: ServicePrincipal\n  identityId: sim-client-id"
SECRET_ENV = {"PROMITOR_AUTH_APPKEY": "sim-client-secret"}


class TokenLifeTest(unittest.TestCase):
    def start(self, sim_args=(), mode=SERVICE_PRINCIPAL, env=None, declaration=DECLARATION,
              faults=(), runtime_replace=()):
        _, self.sim, self.agent = harness.start_stack(
            self, "mensor-e2e-tokens-", declaration=declaration, sim_args=list(sim_args),
            env_extra=env if env is not None else SECRET_ENV, faults=faults,
            runtime_replace=support.mode_replace(mode) + list(runtime_replace))

    def all_scrapes_succeeded(self):
        samples = harness.exposition.select(self.agent.samples(), "promitor_scrape_success")
        return len(samples) == QUEUES + 1 and all(s.value == 1 for s in samples)

    def test_concurrent_scrapes_share_one_token_and_refresh_single_flight(self):
        # 6 s tokens renew at half-life (3 s); a run every 2 s fires 13 requests at once.
        self.start(["--token-lifetime", "6"])
        harness.wait_until(self.all_scrapes_succeeded, SCRAPE_WAIT, "every metric scraped",
                           context=self.agent.process.tail)
        harness.wait_until(lambda: self.sim.count("entra_token") >= 3, SCRAPE_WAIT,
                           "a few refreshes of the short-lived token")
        counts = self.sim.requests()["counts"]
        # Runs finished so far, from the agent's one summary line per run (the request planner
        # may put several metrics into one Azure call, so calls do not count runs).
        runs = len(re.findall(r"scraped \d+ target", self.agent.log()))
        # Single flight: at most one token request per run (plus the first and one run in
        # flight), never one per concurrent scrape.
        self.assertLessEqual(counts["entra_token"], runs + 2, (counts, runs))
        self.assertEqual(counts.get("unauthorized", 0), 0, "no request went out with a stale token")
        self.assertTrue(self.all_scrapes_succeeded())

    def test_expired_token_rejected_by_arm_is_renewed_once_and_retried(self):
        self.start()
        self.agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
        before = self.sim.count("entra_token")
        self.sim.fault(match="/providers/Microsoft.Insights/metrics?", status=401,
                       code="ExpiredAuthenticationToken", count=1)
        harness.wait_until(lambda: self.sim.count("faults_injected") == 1, SCRAPE_WAIT,
                           "the 401 to be served")
        harness.wait_until(lambda: self.sim.count("entra_token") == before + 1, SCRAPE_WAIT,
                           "one renewal after the 401")
        # The rejected request was retried: no scrape failed.
        harness.wait_until(self.all_scrapes_succeeded, SCRAPE_WAIT, "all scrapes succeeding")
        self.assertNotIn("ExpiredAuthenticationToken", self.agent.log())

    def test_wrong_audience_fails_after_one_renewal_naming_the_cause(self):
        # A Custom cloud whose ARM audience is not ARM's: the simulator rejects every token.
        declaration = harness.demo_declaration(support.FAST_SCHEDULE).replace(
            "metricsQueryAudience: https://management.azure.com/",
            "metricsQueryAudience: https://storage.azure.com/")
        self.start(declaration=declaration)
        self.agent.wait_sample("promitor_scrape_error", SCRAPE_WAIT, lambda s: s.value == 1,
                               metric_name="demo_queue_size")
        harness.wait_until(lambda: "InvalidAuthenticationTokenAudience" in self.agent.log(), 5,
                           "the audience error in the log", context=self.agent.log)
        counts = self.sim.requests()["counts"]
        # The first token and the one renewal after the 401, each rejected.
        self.assertGreaterEqual(counts["entra_token"], 2, counts)
        self.assertGreaterEqual(counts["unauthorized"], 2, counts)
        self.assertTrue(self.agent.process.alive())

    def test_transient_imds_errors_are_retried_with_backoff(self):
        imds = "/metadata/identity/oauth2/token"
        self.start(mode="mode: SystemAssignedManagedIdentity", env={
            "MENSOR_MANAGED_IDENTITY_RETRY_DELAY_MS": "50"},
            faults=[{"match": imds, "status": 404, "count": 1},
                    {"match": imds, "status": 410, "count": 1},
                    {"match": imds, "status": 429, "count": 1},
                    {"match": imds, "status": 503, "count": 1}],
            declaration=harness.demo_declaration(support.FAST_SCHEDULE))
        self.agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
        self.assertEqual(self.sim.count("faults_injected"), 4)
        self.assertEqual(self.sim.count("imds"), 5)
        self.assertEqual(self.agent.sample("promitor_scrape_error",
                                           metric_name="demo_queue_size").value, 0)
        log = self.agent.log()
        self.assertIn("IMDS returned 404", log)
        self.assertIn("retrying in", log)

    def test_auth_self_metrics(self):
        self.start(declaration=harness.demo_declaration(support.FAST_SCHEDULE))
        success = self.agent.wait_sample(
            "promitor_auth_token_acquisitions_total", SCRAPE_WAIT, lambda s: s.value >= 1,
            auth_mode="ServicePrincipal", app_id="sim-client-id", outcome="success")
        self.assertGreaterEqual(success.value, 1)
        expiry = self.agent.wait_sample("promitor_auth_token_expiry_seconds", SCRAPE_WAIT,
                                        auth_mode="ServicePrincipal",
                                        scope="https://management.azure.com/.default")
        self.assertGreater(expiry.value, 3000)
        self.assertLessEqual(expiry.value, 3600)
        failure = self.agent.sample("promitor_auth_token_acquisitions_total", outcome="failure")
        self.assertEqual(failure.value, 0)


if __name__ == "__main__":
    unittest.main()
