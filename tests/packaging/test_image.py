"""The container image: built with buildah from packaging/docker/Dockerfile (reusing the build's
Debian package, on the local Debian base since no registry is reachable), inspected with skopeo,
and run with podman like a user would: read-only, no capabilities, the chart's configuration
mounted at /config, against the Azure simulator."""
import json
import os
import shutil
import tarfile
import time
import unittest
from pathlib import Path

from packaging_support import (REPO, TOOLS, base_rootfs_tarball, debian_packages, render,
                               require_tool, run, wait_demo_queue_size)
from harness import Process, Simulator, free_port, http, started, tempdir

DOCKERFILE = REPO / "packaging" / "docker" / "Dockerfile"
IMAGE = "localhost/mensor:test"


class ImageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for tool in ("buildah", "podman", "skopeo"):
            require_tool(tool, tool)
        cls.runtime = require_tool("/usr/sbin/runc", "runc")
        debs = debian_packages()
        base = base_rootfs_tarball()
        cls.work = tempdir("mensor-image-")
        storage = ["--root", cls.work / "storage", "--runroot", cls.work / "run",
                   "--storage-driver", "vfs"]
        cls.buildah = ["buildah", *storage]
        cls.podman = ["podman", *storage, "--cgroup-manager", "cgroupfs", "--runtime",
                      cls.runtime, "--events-backend", "file"]
        cls.addClassCleanup(cls.remove_storage)
        # The Dockerfile's unmodified `FROM debian:bookworm-slim` resolves to the local base.
        run([*cls.podman, "import", base, "docker.io/library/debian:bookworm-slim"], timeout=300)
        context = cls.work / "context"
        context.mkdir()
        shutil.copy(debs["mensor"], context)
        started_at = time.monotonic()
        # --format docker keeps HEALTHCHECK, which the OCI image format has no field for.
        run([*cls.buildah, "bud", "--isolation", "chroot", "--format", "docker", "--pull-never",
             "--build-arg", "DEB_SOURCE=prebuilt", "-f", DOCKERFILE, "-t", IMAGE, context],
            timeout=900)
        cls.build_seconds = time.monotonic() - started_at
        archive = cls.work / "image.tar"
        run([*cls.buildah, "push", IMAGE, f"docker-archive:{archive}:{IMAGE}"], timeout=300)
        cls.inspect = json.loads(run(["skopeo", "inspect", f"docker-archive:{archive}"]).stdout)
        # The Docker image configuration as stored: skopeo --config converts it to the OCI
        # form, which has no HEALTHCHECK.
        with tarfile.open(archive) as tar:
            [manifest] = json.load(tar.extractfile("manifest.json"))
            cls.config = json.load(tar.extractfile(manifest["Config"]))
        cls.image_bytes = archive.stat().st_size
        print(f"\nimage {IMAGE}: {cls.image_bytes / 1e6:.1f} MB uncompressed "
              f"(docker-archive), built in {cls.build_seconds:.0f} s")

    @classmethod
    def remove_storage(cls):
        run([*cls.podman, "rm", "--all", "--force"], check=False)
        run([*cls.buildah, "rm", "--all"], check=False)
        for line in Path("/proc/mounts").read_text().splitlines():
            mount_point = line.split()[1]
            if mount_point.startswith(str(cls.work)):
                run(["umount", "-l", mount_point], check=False)
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_image_configuration(self):
        config = self.config["config"]
        self.assertEqual(config["User"], "10000:10000")
        self.assertIn("PROMITOR_CONFIG_FOLDER=/config/", config["Env"])
        self.assertEqual(list(config["ExposedPorts"]), ["5000/tcp"])
        self.assertEqual(config["Entrypoint"], ["/usr/bin/mensor"])
        self.assertEqual(config["Cmd"], ["run"])
        self.assertEqual(config["Healthcheck"]["Test"], ["CMD", "/usr/bin/mensor", "health"])

    def test_small_image_without_a_shell(self):
        self.assertEqual(len(self.inspect["Layers"]), 1, "one layer on an empty base")
        arch = run(["dpkg", "--print-architecture"]).stdout.strip()
        self.assertEqual((self.inspect["Os"], self.inspect["Architecture"]), ("linux", arch))
        self.assertLess(self.image_bytes, 80e6)
        container = run([*self.buildah, "from", IMAGE]).stdout.strip()
        self.addCleanup(run, [*self.buildah, "rm", container], check=False)
        root = Path(run([*self.buildah, "mount", container]).stdout.strip())
        for absent in ("bin/sh", "usr/bin/sh", "bin/bash", "usr/bin/bash", "usr/bin/apt-get",
                       "usr/bin/dpkg"):
            self.assertFalse((root / absent).exists(), absent)
        self.assertTrue((root / "usr/bin/mensor").exists())
        self.assertTrue((root / "etc/ssl/certs/ca-certificates.crt").exists())
        plugins = sorted(p.name for p in (root / "usr/lib/mensor/plugins").glob("*.so"))
        self.assertIn("libmensor-plugin-servicebus.so", plugins)

    def test_dockerfile_lint(self):
        lint = TOOLS / "node" / "node_modules" / ".bin" / "dockerfilelint"
        require_tool(lint, "dockerfilelint")
        result = run([lint, DOCKERFILE])
        self.assertIn("Issues: None found", result.stdout)

    def test_container_serves_health_and_metrics_from_the_charts_configuration(self):
        work = tempdir("mensor-container-")
        sim = started(self, Simulator(work))
        port = free_port()
        endpoints = ["authenticationEndpoint", "resourceManagerEndpoint", "graphEndpoint",
                     "managementEndpoint"]
        rendered = render("walkthrough.yaml", sets=[
            f"service.targetPort={port}", "azureMetadata.cloud=Custom",
            *[f"azureMetadata.endpoints.{e}={sim.url}" for e in endpoints],
            "azureMetadata.endpoints.metricsQueryAudience=https://management.azure.com/",
            "azureMetadata.endpoints.metricsClientAudience=https://metrics.monitor.azure.com/",
            "azureMetadata.endpoints.storageEndpointSuffix=core.windows.net",
            "azureMetadata.endpoints.keyVaultSuffix=vault.azure.net"])
        config = work / "config"
        config.mkdir()
        for name, text in rendered.one("ConfigMap")["data"].items():
            (config / name).write_text(text)
            os.chmod(config / name, 0o644)
        os.chmod(config, 0o755)
        name = f"mensor-test-{os.getpid()}"
        # As the chart runs it: read-only root, no capabilities, no privilege escalation, the
        # chart's non-root uid; AAD Pod Identity's token endpoint is the simulator.
        container = started(self, Process([
            *self.podman, "run", "--rm", "--name", name, "--network", "host",
            "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
            "--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
            "--user", "10000:10000", "--volume", f"{config}:/config:ro",
            "--env", f"AZURE_POD_IDENTITY_AUTHORITY_HOST={sim.url}", IMAGE], work / "podman.log"))
        self.addCleanup(run, [*self.podman, "rm", "--force", name], check=False)
        base = f"http://127.0.0.1:{port}"
        sample = wait_demo_queue_size(base, 120, "demo_queue_size from the container",
                                      container.tail)
        self.assertEqual(sample.value, 210)
        self.assertEqual(sample.labels["resource_group"], "PromitorWithManagedIdentityRG")
        status, headers, body = http(base + "/api/v1/health")
        self.assertEqual(status, 200, body)
        self.assertEqual(http(base + "/api/v1/health?includeDependencies=false")[0], 200)
        # The engine runs the image's HEALTHCHECK inside the container (no shell involved).
        probe = run([*self.podman, "healthcheck", "run", name], check=False)
        self.assertEqual(probe.returncode, 0, probe.stdout + probe.stderr)
        self.assertEqual(container.stop(timeout=30)[1], 0, container.tail())


class SourceStageTest(unittest.TestCase):
    """The Dockerfile's source stage installs its own build dependencies; it must keep up with
    the libraries scripts/install-deps.sh installs for the build."""

    # Test and fuzzing tools, not needed to build the agent.
    TEST_ONLY = {"libgtest-dev", "libgmock-dev", "libbenchmark-dev", "libclang-rt-14-dev"}

    def test_build_dependencies_match_install_deps(self):
        script = (REPO / "scripts" / "install-deps.sh").read_text()
        start = script.index("packages=(")
        listed = script[start:script.index("\n)\n", start)]
        words = " ".join(line.split("#")[0] for line in listed.splitlines()).split()
        needed = {w for w in words if w.endswith("-dev")}
        needed -= self.TEST_ONLY
        dockerfile = DOCKERFILE.read_text()
        stage = dockerfile[dockerfile.index("AS source"):dockerfile.index("AS prebuilt")]
        missing = sorted(p for p in needed if p not in stage.split())
        self.assertEqual(missing, [], "add these to the Dockerfile's source stage")


if __name__ == "__main__":
    unittest.main()
