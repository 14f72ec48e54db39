"""The Helm chart: lint, schema, and what it renders for the walkthrough (AAD Pod Identity), a
workload-identity setup and a values file written for promitor-agent-scraper."""
import base64
import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

from packaging_support import (BUILD, CHART, VALUES, YAMLLINT_CONFIG, helm, render, require_tool,
                               run, validate_manifests)

HEALTH_PATH = "/api/v1/health?includeDependencies=false"
WALKTHROUGH_URI = ("subscriptions/0f9d7fea-99e8-4768-8672-06a28514f77e/resourceGroups/"
                   "PromitorWithManagedIdentityRG/providers/Microsoft.ServiceBus/namespaces/"
                   "PromitorUniqueNameServiceBus")


class ChartLintTest(unittest.TestCase):
    def test_lint_strict_with_every_values_file(self):
        for values in [None, "walkthrough.yaml", "workload-identity.yaml", "promitor-full.yaml"]:
            with self.subTest(values=values):
                args = [helm(), "lint", "--strict", CHART]
                if values:
                    args += ["--values", VALUES / values]
                out = run(args).stdout
                self.assertIn("1 chart(s) linted, 0 chart(s) failed", out)

    def test_yamllint_strict_on_chart_and_rendered_manifests(self):
        yamllint = require_tool("yamllint", "yamllint")
        with tempfile.TemporaryDirectory() as tmp:
            files = [CHART / "Chart.yaml", CHART / "values.yaml", VALUES]
            for values in ["walkthrough.yaml", "workload-identity.yaml", "promitor-full.yaml"]:
                rendered = Path(tmp) / f"rendered-{values}"
                rendered.write_text(render(values).text)
                files.append(rendered)
            run([yamllint, "--strict", "-c", YAMLLINT_CONFIG, *files])

    def test_schema_rejects_wrong_types_naming_the_key(self):
        for setting, key in [("service.targetPort=http", "service.targetPort"),
                             ("replicaCount=-1", "replicaCount"),
                             ("health.liveness.interval=often", "health.liveness.interval"),
                             ("image.pullPolicy=Sometimes", "image.pullPolicy")]:
            with self.subTest(setting=setting):
                result = run([helm(), "template", "t", CHART, "--set", setting], check=False)
                self.assertNotEqual(result.returncode, 0)
                self.assertIn(key, result.stderr)

    def test_schema_validation_can_fail(self):
        broken = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n"
                  "  replicas: one\n  selector: {}\n  template:\n    spec:\n      containers: []\n")
        with self.assertRaises(AssertionError) as caught:
            validate_manifests(broken)
        self.assertIn("replicas must be integer", str(caught.exception))


class WalkthroughValuesTest(unittest.TestCase):
    """`helm install promitor-agent-scraper ... --values metric-declaration.yaml` from the walkthrough."""

    @classmethod
    def setUpClass(cls):
        cls.r = render("walkthrough.yaml", release="promitor-agent-scraper",
                       namespace="default")

    def test_renders_only_what_the_setup_needs(self):
        kinds = sorted(d["kind"] for d in self.r.documents)
        self.assertEqual(kinds, ["ConfigMap", "Deployment", "Service", "ServiceAccount"])

    def test_pod_labels_select_the_release_and_bind_the_pod_identity(self):
        labels = self.r.pod["metadata"]["labels"]
        # The walkthrough finds the pod with -l app.kubernetes.io/instance=promitor-agent-scraper.
        self.assertEqual(labels["app.kubernetes.io/instance"], "promitor-agent-scraper")
        self.assertEqual(labels["aadpodidbinding"], "promitor-identity")
        self.assertNotIn("azure.workload.identity/use", labels)
        selector = self.r.one("Deployment")["spec"]["selector"]["matchLabels"]
        self.assertTrue(set(selector.items()) <= set(labels.items()))
        self.assertEqual(self.r.one("Service")["spec"]["selector"], selector)

    def test_environment_and_mounts(self):
        env = self.r.env()
        self.assertEqual(env["PROMITOR_CONFIG_FOLDER"]["value"], "/config/")
        self.assertNotIn("PROMITOR_AUTH_APPKEY", env, "managed identity needs no secret")
        mounts = {m["mountPath"]: m for m in self.r.container["volumeMounts"]}
        self.assertTrue(mounts["/config/"]["readOnly"])
        volumes = {v["name"]: v for v in self.r.pod["spec"]["volumes"]}
        self.assertEqual(volumes[mounts["/config/"]["name"]]["configMap"]["name"],
                         self.r.one("ConfigMap")["metadata"]["name"])
        self.assertIn("emptyDir", volumes[mounts["/tmp/"]["name"]])

    def test_probes_use_promitors_health_route_on_the_http_port(self):
        port = self.r.container["ports"][0]
        self.assertEqual((port["name"], port["containerPort"]), ("http", 5000))
        for probe, period in [("livenessProbe", 30), ("readinessProbe", 5)]:
            with self.subTest(probe=probe):
                p = self.r.container[probe]
                self.assertEqual(p["httpGet"], {"path": HEALTH_PATH, "port": "http"})
                self.assertEqual(p["periodSeconds"], period)
                self.assertEqual((p["initialDelaySeconds"], p["timeoutSeconds"],
                                  p["failureThreshold"]), (5, 1, 3))

    def test_restrictive_security_context(self):
        pod = self.r.pod["spec"]["securityContext"]
        self.assertTrue(pod["runAsNonRoot"])
        self.assertEqual((pod["runAsUser"], pod["runAsGroup"]), (10000, 10000))
        self.assertEqual(pod["seccompProfile"], {"type": "RuntimeDefault"})
        container = self.r.container["securityContext"]
        self.assertTrue(container["readOnlyRootFilesystem"])
        self.assertFalse(container["allowPrivilegeEscalation"])
        self.assertFalse(container["privileged"])
        self.assertEqual(container["capabilities"], {"drop": ["ALL"]})
        self.assertFalse(self.r.pod["spec"]["automountServiceAccountToken"])

    def test_config_map_holds_both_files_for_the_agent(self):
        runtime = self.r.config_file("runtime.yaml")
        self.assertEqual(runtime["server"]["httpPort"], 5000)
        self.assertEqual(runtime["authentication"], {"mode": "SystemAssignedManagedIdentity"})
        self.assertEqual(runtime["metricsConfiguration"]["absolutePath"],
                         "/config/metrics-declaration.yaml")
        self.assertEqual(runtime["metricSinks"]["prometheusScrapingEndpoint"]["baseUriPath"],
                         "/metrics")
        declaration = self.r.config_file("metrics-declaration.yaml")
        self.assertEqual(declaration["version"], "v1")
        self.assertEqual(declaration["azureMetadata"]["resourceGroupName"],
                         "PromitorWithManagedIdentityRG")
        self.assertEqual(declaration["metricDefaults"]["scraping"]["schedule"], "* * * * *")
        [metric] = declaration["metrics"]
        self.assertEqual(metric["name"], "demo_queue_size")
        self.assertEqual(metric["resources"],
                         [{"namespace": "PromitorUniqueNameServiceBus", "queueName": "demo_queue"}])

    def test_the_agent_accepts_the_rendered_configuration(self):
        mensor = require_tool(BUILD / "bin" / "mensor", "the built agent")
        with tempfile.TemporaryDirectory() as tmp:
            data = self.r.one("ConfigMap")["data"]
            for name, text in data.items():
                (Path(tmp) / name).write_text(text)
            # The chart points at /config/; here the files live in tmp.
            env = dict(os.environ, PROMITOR_YAML_OVERRIDE_metricsConfiguration__absolutePath=str(
                Path(tmp) / "metrics-declaration.yaml"))
            result = run([mensor, "validate", "--config-folder", tmp], env=env)
        self.assertIn("demo_queue_size", result.stdout)
        self.assertIn(WALKTHROUGH_URI, result.stdout)
        self.assertIn("0 error(s)", result.stdout)

    def test_service_is_discoverable_by_prometheus(self):
        service = self.r.one("Service")
        self.assertEqual(service["spec"]["type"], "ClusterIP")
        self.assertEqual(service["spec"]["ports"][0]["targetPort"], "http")
        self.assertEqual(service["metadata"]["annotations"], {
            "prometheus.io/scrape": "true", "prometheus.io/path": "/metrics",
            "prometheus.io/port": "8888"})

    def test_config_checksum_rolls_pods_when_the_declaration_changes(self):
        before = self.r.pod["metadata"]["annotations"]["checksum/config"]
        changed = render("walkthrough.yaml", sets=["metrics[0].name=other_name"],
                         release="promitor-agent-scraper", namespace="default")
        self.assertNotEqual(changed.pod["metadata"]["annotations"]["checksum/config"], before)
        same = render("walkthrough.yaml", release="promitor-agent-scraper",
                      namespace="default")
        self.assertEqual(same.pod["metadata"]["annotations"]["checksum/config"], before)


class WorkloadIdentityTest(unittest.TestCase):
    def test_pod_label_and_service_account_annotations(self):
        r = render("workload-identity.yaml")
        self.assertEqual(r.pod["metadata"]["labels"]["azure.workload.identity/use"], "true")
        self.assertNotIn("aadpodidbinding", r.pod["metadata"]["labels"])
        account = r.one("ServiceAccount")
        self.assertEqual(r.pod["spec"]["serviceAccountName"], account["metadata"]["name"])
        self.assertEqual(account["metadata"]["annotations"], {
            "azure.workload.identity/client-id": "5b8b6f0e-2a34-4b8c-9d4e-1f2a3b4c5d6e",
            "azure.workload.identity/tenant-id": "c8819874-9e56-4e3f-b1a8-1c0325138f27"})
        self.assertEqual(r.config_file("runtime.yaml")["authentication"], {
            "mode": "WorkloadIdentity", "identityId": "5b8b6f0e-2a34-4b8c-9d4e-1f2a3b4c5d6e"})
        self.assertEqual(r.all("Secret"), [])
        self.assertNotIn("PROMITOR_AUTH_APPKEY", r.env())

    def test_enabled_flag_with_another_mode(self):
        r = render("walkthrough.yaml", sets=[
            "azureAuthentication.mode=UserAssignedManagedIdentity",
            "azureAuthentication.identity.id=abc", "azureAuthentication.identity.binding=",
            "azureAuthentication.workloadIdentity.enabled=true"])
        self.assertEqual(r.pod["metadata"]["labels"]["azure.workload.identity/use"], "true")
        self.assertEqual(
            r.one("ServiceAccount")["metadata"]["annotations"]["azure.workload.identity/client-id"],
            "abc")

    def test_client_id_is_required(self):
        result = run([helm(), "template", "t", CHART, "--values",
                      VALUES / "workload-identity.yaml", "--set", "azureAuthentication.identity.id="],
                     check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("azureAuthentication.identity.id", result.stderr)


class PromitorValuesFileTest(unittest.TestCase):
    """A values file written for promitor-agent-scraper, every key set, goes in unchanged."""

    @classmethod
    def setUpClass(cls):
        cls.r = render("promitor-full.yaml", release="promitor")

    def test_every_optional_resource_is_rendered(self):
        kinds = sorted(d["kind"] for d in self.r.documents)
        self.assertEqual(kinds, ["ConfigMap", "Deployment", "PrometheusRule", "Secret", "Service",
                                 "ServiceAccount", "ServiceMonitor"])

    def test_secrets_go_through_secret_key_refs(self):
        secret = self.r.one("Secret")
        self.assertEqual(secret["metadata"]["name"], "promitor-secrets")
        self.assertEqual(base64.b64decode(secret["data"]["azure-app-key"]).decode(),
                         "not-a-real-secret")
        self.assertEqual(base64.b64decode(secret["data"]["sas-token"]).decode(), "also-not-a-secret")
        env = self.r.env()
        self.assertEqual(env["PROMITOR_AUTH_APPKEY"]["valueFrom"]["secretKeyRef"],
                         {"name": "promitor-secrets", "key": "azure-app-key"})
        self.assertEqual(env["AZURE_STORAGE_QUEUE_SAS_TOKEN"]["valueFrom"]["secretKeyRef"],
                         {"name": "azure-storage-queue", "key": "sas-token"})
        self.assertNotIn("not-a-real-secret", self.r.one("ConfigMap")["data"]["runtime.yaml"])

    def test_secret_checksum_rolls_pods_when_the_key_changes(self):
        before = self.r.pod["metadata"]["annotations"]["checksum/secret"]
        changed = render("promitor-full.yaml", sets=["azureAuthentication.appKey=rotated"],
                         release="promitor")
        self.assertNotEqual(changed.pod["metadata"]["annotations"]["checksum/secret"], before)

    def test_runtime_reflects_promitor_keys(self):
        runtime = self.r.config_file("runtime.yaml")
        self.assertEqual(runtime["authentication"],
                         {"mode": "ServicePrincipal", "identityId": "8a0c4d1e-0000-4000-8000-000000000001"})
        self.assertEqual(runtime["server"]["httpPort"], 88)
        prom = runtime["metricSinks"]["prometheusScrapingEndpoint"]
        self.assertEqual((prom["baseUriPath"], prom["enableMetricTimestamps"],
                          prom["labels"]["transformation"]), ("/scrape", False, "Lowercase"))
        self.assertEqual(runtime["metricSinks"]["statsd"],
                         {"host": "statsd.monitoring", "port": 8125, "metricPrefix": "azure."})
        self.assertEqual(runtime["resourceDiscovery"],
                         {"host": "promitor-agent-resource-discovery", "port": 88})
        self.assertEqual(runtime["azureMonitor"]["integration"]["metricsBatching"],
                         {"enabled": True, "maxBatchSize": 50, "azureRegion": "westeurope"})
        self.assertEqual(runtime["concurrency"], {"mutexTimeoutSeconds": 120})
        self.assertEqual(runtime["telemetry"]["defaultVerbosity"], "Warning")
        [metric] = self.r.config_file("metrics-declaration.yaml")["metrics"]
        self.assertEqual(metric["description"], "Active messages of the 'promitor' demo queue")

    def test_low_target_port_is_bindable_without_root(self):
        sysctls = self.r.pod["spec"]["securityContext"]["sysctls"]
        self.assertEqual(sysctls, [{"name": "net.ipv4.ip_unprivileged_port_start", "value": "88"}])
        self.assertEqual(self.r.container["ports"][0]["containerPort"], 88)

    def test_probes_follow_the_health_values(self):
        liveness = self.r.container["livenessProbe"]
        self.assertEqual(liveness["httpGet"]["path"], "/api/v1/health?includeDependencies=true")
        self.assertEqual((liveness["initialDelaySeconds"], liveness["failureThreshold"]), (15, 5))

    def test_service_monitor_and_prometheus_rule(self):
        monitor = self.r.one("ServiceMonitor")
        self.assertEqual(monitor["metadata"]["namespace"], "monitoring")
        self.assertEqual(monitor["metadata"]["labels"]["release"], "prometheus")
        [endpoint] = monitor["spec"]["endpoints"]
        self.assertEqual((endpoint["port"], endpoint["path"], endpoint["interval"]),
                         ("http", "/scrape", "30s"))
        self.assertEqual(monitor["spec"]["selector"]["matchLabels"],
                         self.r.one("Deployment")["spec"]["selector"]["matchLabels"])
        [rule] = self.r.one("PrometheusRule")["spec"]["groups"][0]["rules"]
        self.assertIn('service="mensor"', rule["expr"])
        self.assertIn("{{ $value }}", rule["annotations"]["description"])

    def test_pod_placement_and_service_account(self):
        spec = self.r.pod["spec"]
        self.assertEqual(spec["serviceAccountName"], "promitor-scraper")
        self.assertEqual(spec["priorityClassName"], "high-priority")
        self.assertEqual(spec["nodeSelector"], {"agentpool": "system"})
        self.assertEqual(spec["imagePullSecrets"], [{"name": "registry-credentials"}])
        self.assertEqual(self.r.container["image"], "registry.example.com/mensor:0.1.0")
        self.assertEqual(self.r.pod["metadata"]["labels"]["team"], "observability")
        self.assertIn("/mnt/promitor-secrets",
                      [m["mountPath"] for m in self.r.container["volumeMounts"]])
        service = self.r.one("Service")
        self.assertEqual(service["spec"]["type"], "LoadBalancer")
        self.assertEqual(
            service["metadata"]["annotations"]["service.beta.kubernetes.io/azure-dns-label-name"],
            "promitor-scraper")


class ExistingSecretTest(unittest.TestCase):
    def test_service_principal_reads_the_key_from_the_named_secret(self):
        r = render("walkthrough.yaml", sets=[
            "azureAuthentication.mode=ServicePrincipal", "azureAuthentication.identity.id=abc",
            "azureAuthentication.identity.binding=", "secrets.createSecret=false",
            "secrets.secretName=my-azure", "secrets.appKeySecret=client-secret"])
        self.assertEqual(r.all("Secret"), [])
        self.assertEqual(r.env()["PROMITOR_AUTH_APPKEY"]["valueFrom"]["secretKeyRef"],
                         {"name": "my-azure", "key": "client-secret"})
        self.assertNotIn("checksum/secret", r.pod["metadata"]["annotations"])

    def test_managed_identity_with_an_existing_secret_needs_no_key(self):
        r = render("walkthrough.yaml", sets=["secrets.createSecret=false"])
        self.assertNotIn("PROMITOR_AUTH_APPKEY", r.env())


if __name__ == "__main__":
    unittest.main()
