"""The openTelemetryCollector sink end to end over both protocols: what the agent sends is decoded
by the real OpenTelemetry JS protobuf classes (tests/receivers/otlp_receiver.js)."""
import unittest

import harness
import receivers
from test_walkthrough import DEMO_LABELS, DESCRIPTION, expected_demo_value


def otlp_sink(uri, protocol):
    return ("metricSinks:\n"
            "  openTelemetryCollector:\n"
            f"    collectorUri: {uri}\n"
            f"    protocol: {protocol}\n"
            "    timeout: 5s\n"
            "    headers:\n"
            "      - name: X-Tenant\n"
            "        value: team-a\n")


def attributes(kvs):
    return {kv["key"]: kv["value"]["stringValue"] for kv in kvs}


class OtlpTestBase:
    protocol = None

    @classmethod
    def setUpClass(cls):
        node = receivers.require_receivers()
        cls.workdir = harness.tempdir(f"mensor-e2e-otlp-{cls.src}-")
        cls.receiver = harness.started(cls, receivers.OtlpReceiver(cls.workdir, node))
        port = cls.receiver.grpc_port if cls.src == "grpc" else cls.receiver.http_port
        _, cls.sim, cls.agent = harness.start_stack(
            cls, f"mensor-e2e-otlp-{cls.src}-agent-",
            runtime_replace=[("metricSinks:\n",
                              otlp_sink(f"http://127.0.0.1:{port}", cls.protocol))])

    def demo_point(self):
        for record in self.receiver.requests(self.src):
            for rm in record["req"]["resourceMetrics"]:
                for sm in rm["scopeMetrics"]:
                    for metric in sm["metrics"]:
                        if metric["name"] == "demo_queue_size":
                            return record, rm, metric
        return None

    def test_demo_gauge_with_every_label_as_attribute(self):
        record, rm, metric = harness.wait_until(
            self.demo_point, 20, f"demo_queue_size over {self.src}",
            context=lambda: self.agent.process.tail() + "\n" + self.receiver.process.tail())
        self.assertEqual(self.receiver.errors(), [])
        self.assertEqual(metric["description"], DESCRIPTION)
        points = metric["gauge"]["dataPoints"]
        self.assertEqual(len(points), 1)
        self.assertEqual(points[0]["asDouble"], expected_demo_value())
        self.assertEqual(attributes(points[0]["attributes"]), DEMO_LABELS)
        self.assertGreater(int(points[0]["timeUnixNano"]), 0)
        resource = attributes(rm["resource"]["attributes"])
        self.assertEqual(resource["service.name"], "promitor-scraper")
        self.assertTrue(resource["service.version"])
        headers = record["headers"]
        self.assertEqual(headers.get("x-tenant"), "team-a")

    def test_self_metrics_are_cumulative_sums(self):
        def written():
            for record in self.receiver.requests(self.src):
                for rm in record["req"]["resourceMetrics"]:
                    for sm in rm["scopeMetrics"]:
                        for metric in sm["metrics"]:
                            if metric["name"] == "mensor_sink_samples_written_total":
                                return metric
            return None
        metric = harness.wait_until(written, 30, "the sink self-metrics",
                                    context=self.agent.process.tail)
        self.assertEqual(metric["sum"]["aggregationTemporality"],
                         "AGGREGATION_TEMPORALITY_CUMULATIVE")
        self.assertTrue(metric["sum"]["isMonotonic"])
        sinks = {attributes(p["attributes"])["sink"] for p in metric["sum"]["dataPoints"]}
        self.assertIn("openTelemetryCollector", sinks)


class OtlpGrpcTest(OtlpTestBase, unittest.TestCase):
    protocol = "grpc"
    src = "grpc"


class OtlpHttpProtobufTest(OtlpTestBase, unittest.TestCase):
    protocol = "http/protobuf"
    src = "http"


if __name__ == "__main__":
    unittest.main()
