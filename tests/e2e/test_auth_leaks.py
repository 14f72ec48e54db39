"""No credential leaks, whatever the mode: with the most talkative log level, neither the log
nor any HTTP response of the agent (/metrics, /api/v1/configuration/*, health, system) contains a
client secret, a certificate password, the App Service identity header, a client assertion, a
federated token or an access token. Every JWT starts with base64url('{"'), "eyJ", so one check
covers assertions, federated tokens and access tokens alike."""
import secrets
import unittest

import auth_support as support
import harness

JWT_PREFIX = "eyJ"
EXPOSED_PATHS = ("/metrics", "/api/v1/configuration/runtime",
                 "/api/v1/configuration/metric-declaration", "/api/v1/health", "/api/v1/system")
SCRAPE_WAIT = 20


class AuthLeakTest(unittest.TestCase):
    def check(self, agent, sim, needles):
        # Wait for a refresh of the short-lived token too, so renewal paths have logged.
        harness.wait_until(lambda: sim.count("entra_token") + sim.count("imds")
                           + sim.count("app_service_identity") >= 2, SCRAPE_WAIT,
                           "a token renewal", context=agent.process.tail)
        agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
        texts = {"log": agent.log()}
        for path in EXPOSED_PATHS:
            texts[path] = agent.get(path)[2]
        self.assertIn("debug", texts["log"].lower(), "the log level should be Trace")
        for where, text in texts.items():
            for needle in needles + [JWT_PREFIX]:
                with self.subTest(where=where, needle=needle[:12]):
                    self.assertNotIn(needle, text)

    def start(self, prefix, sim_args, mode_block, env_for_sim, before_agent=None):
        return support.start_with_env(
            self, prefix, ["--token-lifetime", "4", *sim_args],
            support.mode_replace(mode_block, "Trace"), env_for_sim,
            declaration=harness.demo_declaration(support.FAST_SCHEDULE),
            before_agent=before_agent)

    def test_client_secret_via_sdk_default(self):
        secret = "env-secret-" + secrets.token_hex(12)
        _, sim, agent = self.start(
            "mensor-e2e-leak-sd-", ["--client", f"leak-app:{secret}"], "mode: SdkDefault",
            lambda *_: {"AZURE_CLIENT_ID": "leak-app", "AZURE_CLIENT_SECRET": secret})
        self.check(agent, sim, [secret])

    def test_certificate_password_and_assertion(self):
        password = "pfx-" + secrets.token_hex(12)
        certs = harness.tempdir("mensor-e2e-leak-certs-")
        _, cert_only, pfx = support.make_certificate(certs, "leak", pfx_password=password)
        _, sim, agent = self.start(
            "mensor-e2e-leak-cert-", ["--client-cert", f"cert-app:{cert_only}"],
            f"mode: ServicePrincipal\n  identityId: cert-app\n  certificatePath: {pfx}",
            lambda *_: {"PROMITOR_AUTH_CERTIFICATE_PASSWORD": password})
        self.check(agent, sim, [password])

    def test_federated_token(self):
        token = {}

        def write_token(sim, workdir):
            token["value"], _ = support.federated_token(sim)
            (workdir / "token").write_text(token["value"])

        _, sim, agent = self.start(
            "mensor-e2e-leak-wi-",
            ["--federated-credential",
             f"wi-app,{support.FEDERATED_ISSUER},{support.FEDERATED_SUBJECT}"],
            "mode: WorkloadIdentity",
            lambda _, workdir: {"AZURE_FEDERATED_TOKEN_FILE": str(workdir / "token"),
                                "AZURE_CLIENT_ID": "wi-app"},
            before_agent=write_token)
        self.check(agent, sim, [token["value"]])

    def test_app_service_identity_header(self):
        header = "hdr-" + secrets.token_hex(12)
        _, sim, agent = self.start(
            "mensor-e2e-leak-app-", ["--identity-header", header],
            "mode: SystemAssignedManagedIdentity",
            lambda sim, _: {"IDENTITY_ENDPOINT": sim.url + "/msi/token", "IDENTITY_HEADER": header})
        self.check(agent, sim, [header])


if __name__ == "__main__":
    unittest.main()
