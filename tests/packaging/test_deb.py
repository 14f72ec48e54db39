"""The Debian packages CPack makes: metadata, contents, the hardened systemd unit, and the agent
installed with apt on a clean Debian 12 root filesystem and started the way the unit starts it,
as an unprivileged user, against the Azure simulator."""
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import unittest
from pathlib import Path

from packaging_support import (BUILD, REPO, base_rootfs_tarball, debian_packages, require_tool,
                               run, wait_demo_queue_size)
from harness import Process, Simulator, free_port, http, started, tempdir, write_config

UNIT = REPO / "packaging" / "linux" / "mensor.service"
# DynamicUser picks a free uid in 61184-65519 that exists in no passwd file.
DYNAMIC_UID = 61234
CHROOT = shutil.which("chroot") or "/usr/sbin/chroot"


def deb_field(deb, field):
    return run(["dpkg-deb", "--field", deb, field]).stdout.strip()


def deb_contents(deb):
    """{path: (mode string, owner)} of the package's data archive."""
    entries = {}
    for line in run(["dpkg-deb", "--contents", deb]).stdout.splitlines():
        parts = line.split(None, 5)
        path = parts[5].split(" -> ")[0].lstrip(".")
        entries[path.rstrip("/") or "/"] = (parts[0], parts[1])
    return entries


def unit_settings(path):
    """[Service] settings of a unit file: {key: [values]}."""
    settings, section = {}, None
    for raw in Path(path).read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line
            continue
        if section == "[Service]":
            key, _, value = line.partition("=")
            settings.setdefault(key, []).append(value)
    return settings


class PackageMetadataTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.debs = debian_packages()

    def test_control_fields_and_shared_library_dependencies(self):
        deb = self.debs["mensor"]
        self.assertEqual(deb_field(deb, "Package"), "mensor")
        self.assertRegex(deb_field(deb, "Version"), r"^\d+\.\d+\.\d+")
        depends = deb_field(deb, "Depends")
        # dpkg-shlibdeps found what the agent and its plugins link.
        for package in ("libc6", "libcurl4", "libyaml-cpp0.7", "libboost-filesystem1.74.0",
                        "libspdlog1.10-fmt9", "libjemalloc2", "ca-certificates"):
            self.assertRegex(depends, rf"(^|, ){re.escape(package)}\b", depends)
        self.assertEqual(deb_field(self.debs["mensor-dev"], "Package"), "mensor-dev")

    def test_agent_plugins_unit_and_configuration(self):
        contents = deb_contents(self.debs["mensor"])
        self.assertTrue(contents["/usr/bin/mensor"][0].startswith("-rwxr-xr-x"))
        built = sorted(p.name for p in (BUILD / "lib" / "mensor" / "plugins").glob("*.so"))
        packaged = sorted(Path(p).name for p in contents if p.startswith("/usr/lib/mensor/plugins/"))
        self.assertTrue(built)
        self.assertEqual(packaged, built)
        for path in ("/lib/systemd/system/mensor.service", "/etc/mensor/runtime.yaml",
                     "/etc/mensor/metrics-declaration.yaml", "/usr/share/doc/mensor/README.md"):
            self.assertIn(path, contents)
        # Holds secrets once filled in: root only.
        self.assertEqual(contents["/etc/default/mensor"][0], "-rw-------")
        self.assertTrue(all(owner == "root/root" for _, owner in contents.values()))
        self.assertFalse([p for p in contents if p.startswith("/usr/include")],
                         "the SDK belongs in mensor-dev")

    def test_configuration_files_are_conffiles(self):
        conffiles = run(["dpkg-deb", "--info", self.debs["mensor"], "conffiles"]).stdout.split()
        self.assertEqual(sorted(conffiles), ["/etc/default/mensor",
                                             "/etc/mensor/metrics-declaration.yaml",
                                             "/etc/mensor/runtime.yaml"])

    def test_sdk_package_has_headers_and_cmake_package(self):
        contents = deb_contents(self.debs["mensor-dev"])
        self.assertIn("/usr/include/mensor/abi.h", contents)
        self.assertIn("/usr/lib/cmake/MensorSDK/MensorSDKConfig.cmake", contents)
        self.assertIn("/usr/lib/cmake/MensorSDK/MensorPlugin.cmake", contents)


class SystemdUnitTest(unittest.TestCase):
    def test_unit_is_hardened(self):
        s = unit_settings(UNIT)
        for key, value in [("DynamicUser", "yes"), ("ProtectSystem", "strict"),
                           ("ProtectHome", "yes"), ("PrivateTmp", "yes"),
                           ("NoNewPrivileges", "yes"), ("CapabilityBoundingSet", ""),
                           ("MemoryDenyWriteExecute", "yes"), ("RestrictNamespaces", "yes")]:
            self.assertEqual(s.get(key), [value], key)
        self.assertIn("@system-service", s["SystemCallFilter"])
        self.assertEqual(s["RestartPreventExitStatus"], ["2 3 4"])

    def verify(self, unit_text):
        """`systemd-analyze verify` output for a unit; it exits 0 on ignored keys, so the
        output is what tells."""
        analyze = require_tool("systemd-analyze", "systemd-analyze")
        with tempfile.TemporaryDirectory() as tmp:
            unit = Path(tmp) / "mensor.service"
            unit.write_text(unit_text)
            result = run([analyze, "verify", "--man=no", unit], check=False)
        return result.returncode, (result.stdout + result.stderr).strip()

    def test_systemd_analyze_verify(self):
        # The host has the targets the unit refers to, but no /usr/bin/mensor: point ExecStart
        # at the build's binary.
        text = UNIT.read_text().replace("ExecStart=/usr/bin/mensor",
                                        f"ExecStart={BUILD / 'bin' / 'mensor'}")
        self.assertEqual(self.verify(text), (0, ""))

    def test_systemd_analyze_verify_reports_a_broken_unit(self):
        code, output = self.verify(UNIT.read_text().replace("ProtectSystem=strict",
                                                            "ProtectSystem=very"))
        self.assertIn("protect system value", output)

    def test_offline_security_review_rates_the_unit_ok(self):
        analyze = require_tool("systemd-analyze", "systemd-analyze")
        with tempfile.TemporaryDirectory() as root:
            unit_dir = Path(root) / "lib" / "systemd" / "system"
            unit_dir.mkdir(parents=True)
            shutil.copy(UNIT, unit_dir)
            security = run([analyze, "security", "--offline=true", "--root", root,
                            "--threshold=20", unit_dir / "mensor.service"], check=False)
        self.assertEqual(security.returncode, 0, security.stdout + security.stderr)
        score = re.search(r"Overall exposure level for mensor.service: ([\d.]+) (\w+)",
                          security.stdout)
        self.assertIsNotNone(score, security.stdout)
        # systemd's scale: 0 = fully locked down, 10 = unprotected; below 2 is "OK".
        self.assertLess(float(score.group(1)), 2.0, security.stdout)
        print(f"\nsystemd-analyze security: {score.group(0)}")


class InstalledAgentTest(unittest.TestCase):
    """apt installs the package (and its dependencies) into a clean bookworm root; the unit's
    ExecStart then runs as an unprivileged, passwd-less uid like DynamicUser's."""

    @classmethod
    def setUpClass(cls):
        debs = debian_packages()
        base = base_rootfs_tarball()
        cls.root = tempdir("mensor-deb-root-")
        run(["tar", "-xf", base, "-C", cls.root, "--numeric-owner"])
        os.chmod(cls.root, 0o755)  # "/" of the new root: apt's and the agent's users traverse it
        shutil.copy("/etc/resolv.conf", cls.root / "etc" / "resolv.conf")
        run(["mount", "-t", "proc", "proc", cls.root / "proc"])
        cls.addClassCleanup(run, ["umount", "-l", cls.root / "proc"], check=False)
        shutil.copy(debs["mensor"], cls.root / "tmp" / "mensor.deb")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run([CHROOT, cls.root, "apt-get", "update", "-qq"], env=env, timeout=300)
        run([CHROOT, cls.root, "apt-get", "install", "-y", "-qq", "--no-install-recommends",
             "/tmp/mensor.deb"], env=env, timeout=300)

    def chroot(self, *args, user=None):
        prefix = [CHROOT] + ([f"--userspec={user}:{user}"] if user else []) + [str(self.root)]
        return prefix + [str(a) for a in args]

    def test_installed_where_the_unit_expects_it(self):
        status = run(self.chroot("dpkg-query", "-W", "-f=${Status}", "mensor")).stdout
        self.assertEqual(status, "install ok installed")
        plugins = run(self.chroot("/usr/bin/mensor", "plugins")).stdout
        self.assertIn("/usr/lib/mensor/plugins", plugins)
        self.assertIn("provides resource type 'ServiceBusNamespace'", plugins)
        self.assertIn("0 refused", plugins)
        # The shipped sample configuration is valid as installed.
        result = run(self.chroot("/usr/bin/mensor", "validate", "--config-folder", "/etc/mensor",
                                 user=DYNAMIC_UID))
        self.assertIn("0 error(s)", result.stdout)

    def test_unit_exec_start_serves_the_walkthrough_metrics(self):
        work = tempdir("mensor-deb-run-")
        sim = started(self, Simulator(work))
        port = free_port()
        # What an administrator does after installing: fill in /etc/mensor and /etc/default.
        write_config(self.root / "etc" / "mensor", sim.url, port)
        runtime = self.root / "etc" / "mensor" / "runtime.yaml"
        runtime.write_text(runtime.read_text().replace(str(self.root / "etc" / "mensor"),
                                                       "/etc/mensor"))
        (self.root / "etc" / "default" / "mensor").write_text(
            f"AZURE_POD_IDENTITY_AUTHORITY_HOST={sim.url}\n")

        settings = unit_settings(UNIT)
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin"}
        for assignment in settings.get("Environment", []):
            key, _, value = assignment.partition("=")
            env[key] = value
        for env_file in settings.get("EnvironmentFile", []):
            path = self.root / env_file.lstrip("-").lstrip("/")
            for line in path.read_text().splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    key, _, value = line.partition("=")
                    env[key.strip()] = value.strip()
        [exec_start] = settings["ExecStart"]
        agent = started(self, Process(self.chroot(*shlex.split(exec_start), user=DYNAMIC_UID),
                                      work / "agent.log", env=env))
        base = f"http://127.0.0.1:{port}"
        sample = wait_demo_queue_size(base, 60, "demo_queue_size from the installed agent",
                                      agent.tail)
        self.assertEqual(sample.value, 210)
        self.assertEqual(sample.labels["entity_name"], "demo_queue")
        self.assertEqual(http(base + "/api/v1/health")[0], 200)
        # The agent runs as the unprivileged uid, not root.
        status = Path(f"/proc/{agent.proc.pid}/status").read_text()
        self.assertRegex(status, rf"\nUid:\s+{DYNAMIC_UID}\s")
        self.assertEqual(agent.stop()[1], 0)

    def test_zz_purge_removes_the_agent_and_its_configuration(self):
        run(self.chroot("dpkg", "--purge", "mensor"))
        self.assertFalse((self.root / "usr" / "bin" / "mensor").exists())
        self.assertFalse((self.root / "etc" / "mensor" / "metrics-declaration.yaml").exists())


if __name__ == "__main__":
    unittest.main()
