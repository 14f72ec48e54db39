"""Every Promitor resource type end to end: one declaration with one metric per type (56),
scraped from the simulator (Azure Monitor metrics, the Storage queue data plane, the Log
Analytics query API), served by the agent, read back through a real Prometheus and checked with
`promtool check metrics`."""
import json
import subprocess
import unittest

import exposition
import harness

TENANT, SUB, RG = "tenant-e2e", "sub-e2e", "rg-e2e"
SAS = "sv=2018-03-28&sp=r&se=2099-01-01T00:00:00Z&sig=e2e-signature"
QUEUE_COUNT, QUEUE_AGE = 17, 45
WORKSPACE_RESULT = 12.5

# (resourceType, metricName, aggregation, resource entry, extra azureMetricConfiguration lines)
TYPES = [
    ("ApiManagement", "Capacity", "Average", {"instanceName": "apim-1", "locationName": "West Europe"}, ""),
    ("AppPlan", "CpuPercentage", "Average", {"appPlanName": "plan-1"}, ""),
    ("ApplicationGateway", "Throughput", "Average", {"applicationGatewayName": "agw-1"}, ""),
    ("ApplicationInsights", "requests/count", "Count", {"name": "ai-1"},
     "      dimensions:\n        - name: request/resultCode\n"),
    ("AutomationAccount", "TotalJob", "Total", {"accountName": "aa-1", "runbookName": "nightly"}, ""),
    ("AzureFirewall", "Throughput", "Average", {"azureFirewallName": "fw-1"}, ""),
    ("BlobStorage", "BlobCount", "Average", {"accountName": "st1"}, ""),
    ("Cdn", "RequestCount", "Total", {"cdnName": "cdn-1"}, ""),
    ("CognitiveServicesAccount", "TotalCalls", "Total", {"cognitiveServicesAccountName": "cog-1"}, ""),
    ("ContainerInstance", "CpuUsage", "Average", {"containerGroup": "aci-1"}, ""),
    ("ContainerRegistry", "TotalPullCount", "Total", {"registryName": "acr1"}, ""),
    ("CosmosDb", "TotalRequests", "Count", {"dbName": "cosmos-1"}, ""),
    ("DataExplorerCluster", "CPU", "Average", {"clusterName": "adx-1"}, ""),
    ("DataFactory", "PipelineSucceededRuns", "Total", {"factoryName": "adf-1"}, ""),
    ("DataShare", "ShareCount", "Maximum", {"accountName": "ds-1", "shareName": "sales"}, ""),
    ("DeviceProvisioningService", "RegistrationAttempts", "Total", {"deviceProvisioningServiceName": "dps-1"}, ""),
    ("DnsZone", "QueryVolume", "Total", {"zoneName": "example.com"}, ""),
    ("EventHubs", "IncomingMessages", "Total", {"namespace": "eh-1"}, ""),
    ("ExpressRouteCircuit", "BitsInPerSecond", "Average", {"expressRouteCircuitName": "er-1"}, ""),
    ("FileStorage", "FileCount", "Average", {"accountName": "st1"}, ""),
    ("FrontDoor", "RequestCount", "Total", {"name": "fd-1"}, ""),
    ("FunctionApp", "FunctionExecutionCount", "Total", {"functionAppName": "fn-1", "slotName": "staging"}, ""),
    ("Generic", "ActiveMessages", "Total", {"resourceUri": "Microsoft.ServiceBus/namespaces/sb-1",
                                             "filter": "EntityName eq 'orders'"}, ""),
    ("IoTHub", "d2c.telemetry.ingress.success", "Total", {"ioTHubName": "hub-1"}, ""),
    ("KeyVault", "ServiceApiHit", "Count", {"vaultName": "kv-1"}, ""),
    ("KubernetesService", "node_cpu_usage_percentage", "Average", {"clusterName": "aks-1"}, ""),
    ("LoadBalancer", "ByteCount", "Total", {"loadBalancerName": "lb-1"}, ""),
    ("LogAnalytics", None, None, {"workspaceId": "ws-e2e", "workspaceName": "logs-1"}, ""),
    ("LogicApp", "RunsSucceeded", "Total", {"workflowName": "wf-1"}, ""),
    ("MariaDb", "cpu_percent", "Average", {"serverName": "maria-1"}, ""),
    ("MongoCluster", "CpuPercent", "Average", {"clusterName": "mongo-1"}, ""),
    ("MonitorAutoscale", "ObservedCapacity", "Average", {"autoscaleSettingsName": "as-1"}, ""),
    ("MySql", "cpu_percent", "Average", {"serverName": "my-1", "type": "Flexible"}, ""),
    ("NatGateway", "PacketCount", "Total", {"natGatewayName": "nat-1"}, ""),
    ("NetworkGateway", "AverageBandwidth", "Average", {"networkGatewayName": "vng-1"}, ""),
    ("NetworkInterface", "BytesSentRate", "Total", {"networkInterfaceName": "nic-1"}, ""),
    ("PostgreSql", "cpu_percent", "Average", {"serverName": "pg-1"}, ""),
    ("PowerBiDedicated", "QueryDuration", "Average", {"capacityName": "pbi1"}, ""),
    ("PublicIpAddress", "ByteCount", "Total", {"publicIpAddressName": "pip-1"}, ""),
    ("RedisCache", "connectedclients", "Maximum", {"cacheName": "redis-1"}, ""),
    ("RedisEnterpriseCache", "cachehits", "Total", {"cacheName": "redise-1"}, ""),
    ("ServiceBusNamespace", "ActiveMessages", "Total", {"namespace": "sb-1", "queueName": "orders"}, ""),
    ("SqlDatabase", "cpu_percent", "Average", {"serverName": "sql-1", "databaseName": "db-1"}, ""),
    ("SqlElasticPool", "eDTU_used", "Average", {"serverName": "sql-1", "poolName": "pool-1"}, ""),
    ("SqlManagedInstance", "avg_cpu_percent", "Average", {"instanceName": "mi-1"}, ""),
    ("SqlServer", "dtu_consumption_percent", "Average", {"serverName": "sql-1"}, ""),
    ("StorageAccount", "Transactions", "Total", {"accountName": "st1"},
     "      dimensions:\n        - name: ApiName\n      limit: 2\n"),
    ("StorageQueue", "MessageCount", "Total", {"accountName": "st1", "queueName": "orders",
                                               "sasToken": {"rawValue": SAS}}, ""),
    ("SynapseApacheSparkPool", "BigDataPoolAllocatedCores", "Maximum", {"workspaceName": "syn-1", "poolName": "spark"}, ""),
    ("SynapseSqlPool", "DWUUsedPercent", "Maximum", {"workspaceName": "syn-1", "poolName": "dw"}, ""),
    ("SynapseWorkspace", "IntegrationPipelineRunsEnded", "Total", {"workspaceName": "syn-1"}, ""),
    ("TrafficManager", "QpsByEndpoint", "Total", {"name": "tm-1"}, ""),
    ("VirtualMachine", "Percentage CPU", "Average", {"virtualMachineName": "vm-1"}, ""),
    ("VirtualMachineScaleSet", "Percentage CPU", "Average", {"scaleSetName": "vmss-1"}, ""),
    ("VirtualNetwork", "IfUnderDDoSAttack", "Maximum", {"virtualNetworkName": "vnet-1"}, ""),
    ("WebApp", "Requests", "Total", {"webAppName": "app-1"}, ""),
]


def metric_name(resource_type):
    return "e2e_" + resource_type.lower()


def declaration():
    lines = [
        "version: v1",
        "azureMetadata:",
        f"  tenantId: {TENANT}",
        f"  subscriptionId: {SUB}",
        f"  resourceGroupName: {RG}",
        "  cloud: Custom",
        "  endpoints:",
        "    authenticationEndpoint: @SIM_URL@",
        "    resourceManagerEndpoint: @SIM_URL@",
        "    graphEndpoint: @SIM_URL@",
        "    managementEndpoint: @SIM_URL@",
        # Path-style, as for a storage emulator: @SIM_URL@/storage/{account}/{queue}.
        "    storageEndpointSuffix: @SIM_URL@/storage",
        "    keyVaultSuffix: vault.azure.net",
        "    metricsQueryAudience: https://management.azure.com/",
        "    metricsClientAudience: https://metrics.monitor.azure.com/",
        "    logAnalyticsEndpoint: @SIM_URL@",
        "metricDefaults:",
        "  aggregation:",
        "    interval: 00:05:00",
        "  scraping:",
        '    schedule: "* * * * *"',
        "metrics:",
    ]
    for resource_type, azure_metric, aggregation, resource, extra in TYPES:
        lines += [f"  - name: {metric_name(resource_type)}",
                  f"    description: \"{resource_type} end to end\"",
                  f"    resourceType: {resource_type}"]
        if resource_type == "LogAnalytics":
            lines += ["    logAnalyticsConfiguration:",
                      "      query: \"AppRequests | summarize result = count() | project result\"",
                      "      aggregation:",
                      "        interval: 00:05:00"]
        else:
            lines += ["    azureMetricConfiguration:",
                      f"      metricName: {azure_metric}",
                      "      aggregation:",
                      f"        type: {aggregation}"]
            if extra:
                lines.append(extra.rstrip("\n"))
        lines.append("    resources:")
        lines.append("      - " + json.dumps(resource))
    return "\n".join(lines) + "\n"


WORLD = {
    "allowUnknownResources": True,
    "resources": [],
    "storageAccounts": {"st1": {"sasSignature": "e2e-signature",
                                "queues": {"orders": {"messageCount": QUEUE_COUNT,
                                                      "oldestMessageAgeSeconds": QUEUE_AGE}}}},
    "logAnalyticsWorkspaces": {"ws-e2e": {"result": WORKSPACE_RESULT}},
}


class AllResourceTypesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = harness.tempdir("mensor-e2e-types-")
        world = cls.workdir / "world.json"
        world.write_text(json.dumps(WORLD))
        cls.sim = harness.started(cls, harness.Simulator(cls.workdir, world=world))
        port = harness.free_port()
        config = harness.write_config(cls.workdir / "config", cls.sim.url, port,
                                      declaration=declaration())
        cls.agent = harness.started(cls, harness.Agent(cls.workdir / "agent", config,
                                                       cls.sim.url, port))
        cls.agent.wait_serving(15)
        names = [metric_name(t[0]) for t in TYPES]

        def all_present():
            present = {s.name for s in cls.agent.samples()}
            return all(name in present for name in names)
        harness.wait_until(all_present, 60, "a sample of every resource type",
                           context=cls.agent.log)

    def sample(self, resource_type, **labels):
        samples = [s for s in self.agent.samples() if s.name == metric_name(resource_type)
                   and all(s.labels.get(k) == v for k, v in labels.items())]
        self.assertTrue(samples, f"no {resource_type} sample with {labels}")
        return samples[0]

    def test_every_type_has_a_measured_value(self):
        self.assertEqual(len(TYPES), 56)
        for resource_type, *_ in TYPES:
            for sample in [s for s in self.agent.samples() if s.name == metric_name(resource_type)]:
                self.assertEqual(sample.labels.get("tenant_id"), TENANT, sample)
                self.assertEqual(sample.labels.get("subscription_id"), SUB, sample)
                self.assertFalse(sample.value != sample.value, f"{resource_type} is NaN: {sample}")

    def test_resource_ids_and_scraper_labels(self):
        prefix = f"subscriptions/{SUB}/resourceGroups/{RG}/providers/"
        self.sample("BlobStorage", resource_uri=prefix + "Microsoft.Storage/storageAccounts/st1/blobServices/default")
        self.sample("FunctionApp", resource_uri=prefix + "Microsoft.Web/sites/fn-1/slots/staging",
                    slot_name="staging", instance_name="fn-1")
        self.sample("WebApp", resource_uri=prefix + "Microsoft.Web/sites/app-1", slot_name="production")
        self.sample("SqlDatabase", server="sql-1", database="db-1", instance_name="db-1")
        self.sample("MySql", resource_uri=prefix + "Microsoft.DBforMySQL/flexibleServers/my-1",
                    instance_name="my-1-Flexible")
        self.sample("PostgreSql", instance_name="pg-1-Single")
        self.sample("SynapseSqlPool", workspace_name="syn-1", pool_name="dw")
        self.sample("ApiManagement", location="West Europe")
        self.sample("AutomationAccount", runbook_name="nightly")
        self.sample("DataShare", share_name="sales", instance_name="ds-1-sales")
        self.sample("ServiceBusNamespace", entity_name="orders")
        self.sample("Generic", instance_name="Microsoft.ServiceBus/namespaces/sb-1",
                    resource_uri=prefix + "Microsoft.ServiceBus/namespaces/sb-1")

    def test_dimensions_become_labels(self):
        # Service Bus-like forced dimension: one series per event hub, named entity_name.
        hubs = {s.labels.get("entity_name") for s in self.agent.samples()
                if s.name == metric_name("EventHubs")}
        self.assertEqual(hubs, {"telemetry", "audit"})
        # DataFactory without a pipeline: one series per pipeline, in Promitor's label `name`.
        pipelines = {s.labels.get("name") for s in self.agent.samples()
                     if s.name == metric_name("DataFactory")}
        self.assertEqual(pipelines, {"load", "transform"})
        # A dimension name with '/' becomes a Prometheus-safe label key.
        codes = {s.labels.get("request_resultcode") for s in self.agent.samples()
                 if s.name == metric_name("ApplicationInsights")}
        self.assertEqual(codes, {"200", "500"})
        # limit -> top: 2 of the 3 ApiName values.
        apis = [s for s in self.agent.samples() if s.name == metric_name("StorageAccount")]
        self.assertEqual(len(apis), 2, apis)

    def test_storage_queue_and_log_analytics(self):
        queue = self.sample("StorageQueue", queue_name="orders", instance_name="st1")
        self.assertEqual(queue.value, QUEUE_COUNT)
        logs = self.sample("LogAnalytics", workspace_id="ws-e2e", workspace_name="logs-1")
        self.assertEqual(logs.value, WORKSPACE_RESULT)
        self.assertGreaterEqual(self.sim.count("storage_queue"), 1)
        self.assertGreaterEqual(self.sim.count("log_analytics"), 1)
        self.assertNotIn("e2e-signature", self.agent.log())

    def test_prometheus_reads_every_type_and_promtool_is_clean(self):
        body = self.agent.get("/metrics")[2]
        promtool = harness.require_tool("promtool", ("MENSOR_REQUIRE_PROMTOOL",))
        checked = subprocess.run([promtool, "check", "metrics"], input=body, capture_output=True, text=True)
        self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)

        binary = harness.require_tool("prometheus")
        port = int(self.agent.url.rsplit(":", 1)[1])
        prom = harness.started(self, harness.Prometheus(binary, self.workdir, port))
        query = 'count by (__name__) ({__name__=~"e2e_.+"})'
        result = harness.wait_until(lambda: len(prom.query(query)) == len(TYPES) and prom.query(query),
                                    30, "every e2e metric in Prometheus", interval=0.5,
                                    context=prom.process.tail)
        self.assertEqual({r["metric"]["__name__"] for r in result},
                         {metric_name(t[0]) for t in TYPES})
        queue = prom.query(f'{metric_name("StorageQueue")}{{queue_name="orders"}}')
        self.assertEqual(float(queue[0]["value"][1]), QUEUE_COUNT)


if __name__ == "__main__":
    unittest.main()
