"""Each authentication mode end to end against the simulator: the agent gets a token the way the
mode prescribes, the simulator (strict like Entra ID and IMDS) accepts it, and the walkthrough's
metric arrives."""
import unittest
from pathlib import Path

import auth_support as support
import harness

SCRAPE_WAIT = 15
CLIENT = "sim-client-id"
SECRET = "sim-client-secret"


class AuthModesTest(unittest.TestCase):
    def stack(self, mode_block, sim_args=(), env_extra=None, verbosity="Debug", declaration=None):
        workdir, sim, agent = harness.start_stack(
            self, "mensor-e2e-auth-", sim_args=list(sim_args), env_extra=env_extra,
            declaration=declaration, runtime_replace=support.mode_replace(mode_block, verbosity))
        return Path(workdir), sim, agent

    def certificate_dir(self):
        return harness.tempdir("mensor-e2e-certs-")

    def test_service_principal_with_pem_certificate(self):
        certs = self.certificate_dir()
        pem, cert_only, _ = support.make_certificate(certs, "app")
        _, sim, agent = self.stack(
            f"mode: ServicePrincipal\n  identityId: cert-app\n  certificatePath: {pem}",
            sim_args=["--client-cert", f"cert-app:{cert_only}"])
        agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
        accepted = support.accepted_assertions(sim)
        self.assertEqual([a["kind"] for a in accepted], ["certificate"], accepted)
        self.assertEqual(accepted[0]["client_id"], "cert-app")

    def test_service_principal_with_pfx_certificate_and_password(self):
        certs = self.certificate_dir()
        _, cert_only, pfx = support.make_certificate(certs, "pfxapp", pfx_password="pfx-p4ss")
        _, sim, agent = self.stack(
            f"mode: ServicePrincipal\n  identityId: pfx-app\n  certificatePath: {pfx}",
            sim_args=["--client-cert", f"pfx-app:{cert_only}"],
            env_extra={"PROMITOR_AUTH_CERTIFICATE_PASSWORD": "pfx-p4ss"})
        agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
        self.assertEqual(support.accepted_assertions(sim)[0]["kind"], "certificate")
        self.assertNotIn("pfx-p4ss", agent.log())

    def test_certificate_not_registered_is_reported_with_aadsts(self):
        certs = self.certificate_dir()
        pem, _, _ = support.make_certificate(certs, "ours")
        _, registered, _ = support.make_certificate(certs, "theirs")
        _, sim, agent = self.stack(
            f"mode: ServicePrincipal\n  identityId: cert-app\n  certificatePath: {pem}",
            sim_args=["--client-cert", f"cert-app:{registered}"])
        agent.wait_sample("promitor_scrape_error", SCRAPE_WAIT, lambda s: s.value == 1,
                          metric_name="demo_queue_size")
        harness.wait_until(lambda: "AADSTS700027" in agent.log(), 5,
                           "the signature rejection in the log", context=agent.log)
        self.assertEqual(sim.count("metrics"), 0)
        self.assertTrue(agent.process.alive())

    def test_bad_certificate_file_stops_start_up_naming_it(self):
        certs = self.certificate_dir()
        (certs / "broken.pem").write_text("-----BEGIN CERTIFICATE-----\nnope\n")
        _, _, agent = self.stack(
            f"mode: ServicePrincipal\n  identityId: a\n  certificatePath: {certs / 'broken.pem'}")
        harness.wait_until(lambda: not agent.process.alive(), 10, "the agent to exit")
        self.assertEqual(agent.process.proc.returncode, 2)
        self.assertIn("broken.pem", agent.log())

    def test_workload_identity_exchanges_the_projected_token_and_rereads_it(self):
        tokens = {}

        def write_first_token(sim, workdir):
            tokens["first"] = support.federated_token(sim)
            (workdir / "azure-identity-token").write_text(tokens["first"][0])

        workdir, sim, agent = support.start_with_env(
            self, "mensor-e2e-wi-",
            # Short-lived access tokens so the agent refreshes while the test watches.
            ["--token-lifetime", "4", "--federated-credential",
             f"wi-app,{support.FEDERATED_ISSUER},{support.FEDERATED_SUBJECT}"],
            support.mode_replace("mode: WorkloadIdentity", "Debug"),
            lambda sim, workdir: {
                "AZURE_FEDERATED_TOKEN_FILE": str(workdir / "azure-identity-token"),
                "AZURE_CLIENT_ID": "wi-app",
                "AZURE_TENANT_ID": "c8819874-9e56-4e3f-b1a8-1c0325138f27"},
            declaration=harness.demo_declaration(support.FAST_SCHEDULE),
            before_agent=write_first_token)
        agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
        jtis = lambda: [a["jti"] for a in support.accepted_assertions(sim)]
        self.assertIn(tokens["first"][1], jtis())
        rotated, rotated_jti = support.federated_token(sim)
        (workdir / "azure-identity-token").write_text(rotated)  # kubelet rotates the file
        harness.wait_until(lambda: rotated_jti in jtis(), SCRAPE_WAIT,
                           "a refresh presenting the rotated federated token",
                           context=agent.process.tail)
        self.assertTrue(all(a["kind"] == "federated" for a in support.accepted_assertions(sim)))
        self.assertEqual(sim.count("imds"), 0)

    def test_sdk_default_uses_environment_secret_with_the_clouds_authority(self):
        _, sim, agent = self.stack(
            "mode: SdkDefault",
            env_extra={"AZURE_CLIENT_ID": CLIENT, "AZURE_CLIENT_SECRET": SECRET,
                       "AZURE_TENANT_ID": "t-env"})
        agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
        # The Custom cloud's authenticationEndpoint (the simulator) was used: no AZURE_AUTHORITY_HOST.
        self.assertEqual(sim.count("entra_token"), 1)
        self.assertTrue([r for r in sim.requests()["recent"]
                         if r["target"].startswith("/t-env/oauth2/v2.0/token")])
        harness.wait_until(lambda: "EnvironmentCredential answered" in agent.log(), 5,
                           "the chain naming the link that answered", context=agent.log)

    def test_sdk_default_falls_back_to_managed_identity(self):
        _, sim, agent = self.stack("mode: SdkDefault")
        agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
        self.assertGreaterEqual(sim.count("imds"), 1)
        self.assertEqual(sim.count("entra_token"), 0)
        log = agent.log()
        self.assertIn("ManagedIdentityCredential answered", log)
        self.assertIn("EnvironmentCredential skipped", log)

    def test_user_assigned_by_resource_id_and_object_id(self):
        uami = ("/subscriptions/0f9d7fea-99e8-4768-8672-06a28514f77e/resourceGroups/rg/providers/"
                "Microsoft.ManagedIdentity/userAssignedIdentities/mensor")
        for block, parameter in (
                (f"mode: UserAssignedManagedIdentity\n  identityId: {uami}", "msi_res_id="),
                ("mode: UserAssignedManagedIdentity\n  identityId: 5d9d2f4e-0000-4000-8000-"
                 "000000000001\n  identityIdType: ObjectId", "object_id=")):
            with self.subTest(parameter=parameter):
                _, sim, agent = self.stack(block)
                agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
                targets = [r["target"] for r in sim.requests()["recent"] if r["kind"] == "imds"]
                self.assertTrue(targets and all(parameter in t for t in targets), targets)

    def test_app_service_identity_endpoint(self):
        _, sim, agent = support.start_with_env(
            self, "mensor-e2e-appsvc-", ["--identity-header", "rotating-header-1"],
            support.mode_replace("mode: SystemAssignedManagedIdentity"),
            lambda sim, _: {"IDENTITY_ENDPOINT": sim.url + "/msi/token",
                            "IDENTITY_HEADER": "rotating-header-1"})
        agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
        self.assertGreaterEqual(sim.count("app_service_identity"), 1)
        self.assertEqual(sim.count("imds"), 0)

    def test_azure_arc_challenge_and_response(self):
        keys = harness.tempdir("mensor-e2e-arc-keys-")
        _, sim, agent = support.start_with_env(
            self, "mensor-e2e-arc-", ["--arc-key-dir", str(keys)],
            support.mode_replace("mode: SystemAssignedManagedIdentity"),
            lambda sim, _: {"IDENTITY_ENDPOINT": sim.url + "/arc/metadata/identity/oauth2/token",
                            "IMDS_ENDPOINT": sim.url, "MENSOR_ARC_KEY_DIRECTORY": str(keys)})
        agent.wait_sample("demo_queue_size", SCRAPE_WAIT)
        statuses = [r["status"] for r in sim.requests()["recent"] if r["kind"] == "arc_identity"]
        self.assertEqual(statuses[:2], [401, 200], statuses)
        self.assertEqual(sim.count("imds"), 0)


if __name__ == "__main__":
    unittest.main()
