"""Configuration errors: exit codes, file:line:column diagnostics, suggestions, `mensor validate`.

The agent must stop before it binds or scrapes anything, so no simulator is needed: the
endpoints point at a closed port."""
import re
import unittest

import harness

UNUSED_URL = "http://127.0.0.1:9"
EXIT_BAD_CONFIG, EXIT_NO_FOLDER, EXIT_NO_RUNTIME = 2, 3, 4


def line_of(text, fragment):
    """1-based number of the line of `text` that contains `fragment`."""
    for number, line in enumerate(text.splitlines(), 1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} is not in the text")


class ConfigErrorsTest(unittest.TestCase):
    def setUp(self):
        self.workdir = harness.tempdir("mensor-e2e-config-")

    def config(self, declaration, name="config"):
        return harness.write_config(self.workdir / name, UNUSED_URL, harness.free_port(),
                                    declaration=declaration)

    def run_agent(self, *args):
        return harness.run_mensor(*args, timeout=10)

    def assert_diagnostic(self, result, config, line, pattern):
        """stderr has `<config>/metrics-declaration.yaml:<line>:<column>: error: <pattern>`."""
        path = re.escape(str(config / "metrics-declaration.yaml"))
        self.assertRegex(result.stderr, rf"{path}:{line}:\d+: error: {pattern}",
                         f"stdout:\n{result.stdout}")

    def test_malformed_yaml_exits_2_naming_the_position(self):
        broken = harness.demo_declaration().replace(
            "resourceType: ServiceBusNamespace", "resourceType: ServiceBusNamespace: oops")
        config = self.config(broken)
        result = self.run_agent("--config-folder", config)
        self.assertEqual(result.returncode, EXIT_BAD_CONFIG, result.stderr)
        self.assert_diagnostic(result, config, line_of(broken, "oops"), ".*YAML")

    def test_missing_required_key_exits_2_naming_the_position(self):
        broken = harness.demo_declaration().replace("      metricName: ActiveMessages\n", "")
        config = self.config(broken)
        result = self.run_agent("--config-folder", config)
        self.assertEqual(result.returncode, EXIT_BAD_CONFIG, result.stderr)
        # Reported on the mapping that lacks the key (its first line, `aggregation:`).
        line = line_of(broken, "azureMetricConfiguration:") + 1
        self.assert_diagnostic(result, config, line, ".*metricName'.*missing")

    def test_missing_runtime_yaml_exits_4(self):
        folder = self.workdir / "empty"
        folder.mkdir()
        result = self.run_agent("--config-folder", folder)
        self.assertEqual(result.returncode, EXIT_NO_RUNTIME, result.stderr)
        self.assertIn(str(folder / "runtime.yaml"), result.stderr)

    def test_no_config_folder_exits_3(self):
        result = self.run_agent()
        self.assertEqual(result.returncode, EXIT_NO_FOLDER, result.stderr)
        self.assertIn("PROMITOR_CONFIG_FOLDER", result.stderr)

    def test_misspelt_resource_type_gets_a_suggestion(self):
        broken = harness.demo_declaration().replace(
            "resourceType: ServiceBusNamespace", "resourceType: ServiceBusNamespce")
        config = self.config(broken)
        result = self.run_agent("--config-folder", config)
        self.assertEqual(result.returncode, EXIT_BAD_CONFIG, result.stderr)
        self.assert_diagnostic(result, config, line_of(broken, "ServiceBusNamespce"),
                               "'ServiceBusNamespce'.*did you mean 'ServiceBusNamespace'")

    def test_unknown_resource_type_lists_the_available_ones(self):
        # A real Promitor type no loaded plugin provides, nowhere near a known name.
        broken = harness.demo_declaration().replace(
            "resourceType: ServiceBusNamespace", "resourceType: StorageQueue")
        config = self.config(broken)
        result = self.run_agent("--config-folder", config)
        self.assertEqual(result.returncode, EXIT_BAD_CONFIG, result.stderr)
        self.assert_diagnostic(result, config, line_of(broken, "StorageQueue"),
                               "'StorageQueue'.*available.*ServiceBusNamespace")

    def test_auth_mode_refusing_its_configuration_exits_2(self):
        # ServicePrincipal without identityId or secret: the plugin refuses at create(), which is
        # a configuration error like any other, not a crash or exit 1.
        config = harness.write_config(self.workdir / "sp", UNUSED_URL, harness.free_port(),
                                      mode="ServicePrincipal")
        result = harness.run_mensor("--config-folder", config, timeout=10, env_extra={
            "PROMITOR_AUTH_APPKEY": "", "AUTH_APPKEY": "", "PROMITOR_AUTH_APPID": ""})
        self.assertEqual(result.returncode, EXIT_BAD_CONFIG, result.stderr)
        self.assertRegex(result.stderr,
                         rf"{re.escape(str(config / 'runtime.yaml'))}: error: authentication mode "
                         r"'ServicePrincipal' could not be set up: .+")

    def test_validate_accepts_the_demo_config(self):
        result = self.run_agent("validate", "--config-folder", self.config(None))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"demo_queue_size\s+ActiveMessages\s+Total")
        self.assertIn("0 error(s)", result.stdout)

    def test_validate_rejects_a_broken_config_with_diagnostics(self):
        broken = harness.demo_declaration().replace("      metricName: ActiveMessages\n", "")
        config = self.config(broken)
        result = self.run_agent("validate", "--config-folder", config)
        self.assertEqual(result.returncode, EXIT_BAD_CONFIG, result.stderr)
        self.assert_diagnostic(result, config, r"\d+", ".*metricName'.*missing")
        self.assertIn("1 error(s)", result.stdout)


if __name__ == "__main__":
    unittest.main()
