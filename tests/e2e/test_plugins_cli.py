"""`mensor plugins`: the built-in plugins are registered, broken ones are refused with a reason,
and broken plugins the configuration doesn't need don't stop the agent."""
import re
import unittest

import harness

BUILT_IN = ("servicebus", "analytics", "compute", "databases", "generic", "monitoring",
            "network", "platform", "storage", "web", "managed-identity", "service-principal",
            "workload-identity", "sdk-default", "prometheus", "statsd", "opentelemetry",
            "statuspage", "remote-write")
# One loader fixture per rule (tests/loader/CMakeLists.txt) that the loader must refuse.
REFUSED_FIXTURES = ("garbage", "no-info", "no-register", "newer-minor", "other-major",
                    "older-major", "no-name", "register-fails", "null-callback", "large-struct",
                    "dup-b", "goodtwin")
# "name version (state)\n  file: path\n  abi: x.y\n[  refused: reason\n]"
_ENTRY = re.compile(r"^(\S+) (\S*) ?\((\w+)\)\n  file: (\S+)\n  abi: +\S+\n(?:  refused: (.+)\n)?",
                    re.M)


def parse_plugins(stdout):
    """Returns {file name: (plugin name, state, refusal reason or None)}."""
    return {m.group(4).rsplit("/", 1)[-1]: (m.group(1), m.group(3), m.group(5))
            for m in _ENTRY.finditer(stdout)}


def fixture_file(name):
    return f"libmensor-plugin-{name}.so"


class PluginsCliTest(unittest.TestCase):
    def test_built_in_plugins_are_registered(self):
        result = harness.run_mensor("plugins")
        self.assertEqual(result.returncode, 0, result.stderr)
        plugins = parse_plugins(result.stdout)
        for name in BUILT_IN:
            with self.subTest(plugin=name):
                self.assertEqual(plugins.get(fixture_file(name)), (name, "registered", None),
                                 result.stdout)
        self.assertRegex(result.stdout, rf"\n{len(BUILT_IN)} plugin libraries, 0 refused\n")

    def test_broken_fixtures_are_refused_with_reasons(self):
        self.assertTrue(harness.LOADER_FIXTURES.is_dir(),
                        f"{harness.LOADER_FIXTURES} is missing; build mensor_loader_fixtures")
        result = harness.run_mensor(
            "plugins", env_extra={"MENSOR_PLUGIN_PATH": str(harness.LOADER_FIXTURES)})
        self.assertEqual(result.returncode, 0, result.stderr)
        plugins = parse_plugins(result.stdout)
        for name in REFUSED_FIXTURES:
            with self.subTest(fixture=name):
                _, state, reason = plugins[fixture_file(name)]
                self.assertEqual(state, "refused")
                self.assertTrue(reason and reason.strip(), "a refusal names its reason")
        for name in BUILT_IN:
            with self.subTest(plugin=name):
                self.assertEqual(plugins[fixture_file(name)][1], "registered")
        self.assertNotIn("libmensor-other.so", plugins, "not named like a plugin: ignored")
        refused = sum(1 for _, state, _ in plugins.values() if state == "refused")
        self.assertRegex(result.stdout, rf"\n{len(plugins)} plugin libraries, {refused} refused\n")

    def test_agent_starts_despite_broken_plugins(self):
        self.assertTrue(harness.LOADER_FIXTURES.is_dir())
        _, _, agent = harness.start_stack(
            self, "mensor-e2e-plugins-",
            env_extra={"MENSOR_PLUGIN_PATH": str(harness.LOADER_FIXTURES)})
        sample = agent.wait_sample("demo_queue_size", 10)
        self.assertEqual(sample.labels["entity_name"], "demo_queue")
        # The refusals are logged once at start-up, as warnings.
        self.assertRegex(agent.log(), r"libmensor-plugin-garbage\.so refused")

    def test_a_needed_refused_plugin_is_fatal(self):
        # NullCallbackType is provided only by the refused null-callback fixture.
        workdir = harness.tempdir("mensor-e2e-plugins-")
        declaration = harness.demo_declaration().replace("resourceType: ServiceBusNamespace",
                                                         "resourceType: NullCallbackType")
        config = harness.write_config(workdir, "http://127.0.0.1:9", harness.free_port(),
                                      declaration=declaration)
        result = harness.run_mensor("--config-folder", config, timeout=10, env_extra={
            "MENSOR_PLUGIN_PATH": str(harness.LOADER_FIXTURES)})
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertRegex(result.stderr, r"null-callback.*refused.*NullCallbackType")
        self.assertRegex(result.stderr, r"metrics-declaration\.yaml:\d+:\d+: error: "
                                        r"'NullCallbackType'")


if __name__ == "__main__":
    unittest.main()
