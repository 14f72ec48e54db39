"""Service principal authentication: the scrape works, and neither the client secret nor a
bearer token ever shows up in the log, /metrics or the configuration API."""
import secrets
import unittest

import harness

CLIENT_ID = "sim-client-id"
# Every token the simulator issues is a JWT, and every JWT starts with base64url of '{"'.
JWT_PREFIX = "eyJ"
EXPOSED_PATHS = ("/metrics", "/api/v1/configuration/runtime",
                 "/api/v1/configuration/metric-declaration", "/api/v1/health", "/api/v1/system")


def service_principal_stack(owner, secret, sim_secret):
    return harness.start_stack(
        owner, "mensor-e2e-secrets-", sim_args=["--client", f"{CLIENT_ID}:{sim_secret}"],
        env_extra={"PROMITOR_AUTH_APPKEY": secret},
        runtime_replace=[
            ("mode: SystemAssignedManagedIdentity",
             f"mode: ServicePrincipal\n  identityId: {CLIENT_ID}"),
            # The most talkative level, so anything that could leak is written.
            ("defaultVerbosity: Information", "defaultVerbosity: Trace")])


class SecretsTest(unittest.TestCase):
    def assert_nothing_secret(self, agent, secret):
        texts = {"the agent's log": agent.log()}
        for path in EXPOSED_PATHS:
            texts[path] = agent.get(path)[2]
        for where, text in texts.items():
            with self.subTest(where=where):
                self.assertNotIn(secret, text)
                self.assertNotIn(JWT_PREFIX, text)

    def test_scrape_works_and_secret_and_token_stay_hidden(self):
        secret = "sp-secret-" + secrets.token_hex(12)
        _, sim, agent = service_principal_stack(self, secret, secret)
        agent.wait_sample("demo_queue_size", 10)
        agent.wait_sample("promitor_scrape_success", 5, lambda s: s.value == 1)
        counts = sim.requests()["counts"]
        self.assertEqual(counts.get("entra_token"), 1, counts)
        self.assertEqual(counts.get("imds", 0), 0, counts)
        # The simulator's tokens really are JWTs, so the JWT_PREFIX check is meaningful.
        self.assertTrue(sim.token().startswith(JWT_PREFIX))
        self.assertNotIn(secret, str(sim.requests()))
        self.assert_nothing_secret(agent, secret)

    def test_wrong_secret_is_reported_without_the_secret(self):
        wrong = "wrong-secret-" + secrets.token_hex(12)
        _, sim, agent = service_principal_stack(self, wrong, "right-" + secrets.token_hex(12))
        agent.wait_sample("promitor_scrape_error", 10, lambda s: s.value == 1,
                          metric_name="demo_queue_size")
        harness.wait_until(lambda: "AADSTS" in agent.log(), 5, "an AADSTS error in the log",
                           context=agent.log)
        self.assertTrue(agent.process.alive())
        self.assertEqual(agent.get("/api/v1/system")[0], 200)
        self.assertEqual(sim.count("metrics"), 0, "no ARM call without a token")
        self.assert_nothing_secret(agent, wrong)


if __name__ == "__main__":
    unittest.main()
