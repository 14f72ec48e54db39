"""Shared helpers for the packaging tests: finding the pinned tools, rendering the chart, and
the MENSOR_REQUIRE_PACKAGING rule (CI sets it: a missing tool fails the test instead of skipping).
"""
import json
import os
import shutil
import subprocess
import sys
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The end-to-end harness: simulator, processes, polling with deadlines.
sys.path.insert(0, str(REPO / "tests" / "e2e"))
import exposition  # noqa: E402
from harness import http, wait_until  # noqa: E402
BUILD = Path(os.environ.get("MENSOR_BUILD_DIR", REPO / "build"))
TOOLS = Path(os.environ.get("MENSOR_TOOLS_DIR", REPO / ".cache" / "tools"))
CHART = REPO / "packaging" / "helm" / "mensor"
VALUES = Path(__file__).resolve().parent / "values"
YAMLLINT_CONFIG = Path(__file__).resolve().parent / "yamllint.yaml"
MANIFESTS_JS = Path(__file__).resolve().parent / "k8s_manifests.js"
NODE_MODULES = TOOLS / "node" / "node_modules"


def require_tool(path_or_name, what):
    """Returns the tool's path; skips the test when it is missing, fails it under CI."""
    found = None
    candidate = Path(str(path_or_name))
    if candidate.is_absolute():
        found = str(candidate) if candidate.exists() else None
    else:
        found = shutil.which(str(path_or_name))
    if found:
        return found
    message = f"{what} not found ({path_or_name}); run scripts/install-deps.sh"
    if os.environ.get("MENSOR_REQUIRE_PACKAGING") == "1":
        raise AssertionError(message + " (MENSOR_REQUIRE_PACKAGING=1)")
    raise unittest.SkipTest(message)


def helm():
    local = TOOLS / "bin" / "helm"
    return require_tool(local if local.exists() else "helm", "helm")


def run(args, check=True, **kwargs):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, args))} exited {result.returncode}\n"
            f"stdout:\n{result.stdout[-4000:]}\nstderr:\n{result.stderr[-4000:]}")
    return result


class Rendered:
    """`helm template` output: the raw text and the parsed documents, by kind."""

    def __init__(self, text, documents, config_files):
        self.text = text
        self.documents = documents
        self.config_files = config_files  # "<ConfigMap>/<file>" -> parsed YAML

    def config_file(self, name):
        matches = [v for k, v in self.config_files.items() if k.endswith("/" + name)]
        if len(matches) != 1:
            raise AssertionError(f"expected one ConfigMap entry {name}, found {len(matches)}")
        return matches[0]

    def all(self, kind):
        return [d for d in self.documents if d["kind"] == kind]

    def one(self, kind):
        found = self.all(kind)
        if len(found) != 1:
            raise AssertionError(f"expected one {kind}, rendered {len(found)}")
        return found[0]

    @property
    def pod(self):
        return self.one("Deployment")["spec"]["template"]

    @property
    def container(self):
        return self.pod["spec"]["containers"][0]

    def env(self):
        return {e["name"]: e for e in self.container.get("env", [])}


def render(*value_files, sets=(), release="mensor", namespace="monitoring"):
    """Renders the chart and validates every document against the Kubernetes schemas."""
    args = [helm(), "template", release, CHART, "--namespace", namespace]
    for f in value_files:
        args += ["--values", VALUES / f]
    for s in sets:
        args += ["--set", s]
    text = run(args).stdout
    report = validate_manifests(text)
    return Rendered(text, report["documents"], report["configFiles"])


def validate_manifests(text):
    node = require_tool("node", "node")
    require_tool(NODE_MODULES, "the packaging node tools")
    result = run([node, MANIFESTS_JS], input=text,
                 env=dict(os.environ, NODE_PATH=str(NODE_MODULES)))
    report = json.loads(result.stdout)
    if report["errors"]:
        raise AssertionError("rendered manifests fail Kubernetes schema validation:\n" +
                             "\n".join(report["errors"]))
    return report


def cmake_build(target):
    cmake = require_tool("cmake", "cmake")
    return run([cmake, "--build", BUILD, "--target", target])


_debs = {}


def debian_packages():
    """Builds the .deb files from the current build tree (CPack), once per process, and returns
    {package name: path}."""
    if _debs:
        return _debs
    require_tool("dpkg-deb", "dpkg-deb")
    require_tool("dpkg-shlibdeps", "dpkg-shlibdeps (dpkg-dev)")
    cmake_build("package-deb")
    found = {}
    for deb in sorted((BUILD / "packages").glob("*.deb")):
        found[deb.name.split("_")[0]] = deb
    for name in ("mensor", "mensor-dev"):
        if name not in found:
            raise AssertionError(f"CPack made no {name} package in {BUILD / 'packages'}")
    _debs.update(found)
    return _debs


def base_rootfs_tarball():
    """The local debian:bookworm-slim root filesystem (scripts/install-packaging-tools.sh)."""
    tarball = TOOLS / "debian-bookworm-minbase.tar"
    return Path(require_tool(tarball, "the local Debian base root filesystem"))


def wait_demo_queue_size(base_url, timeout, what, context):
    """Polls base_url/metrics until the walkthrough's demo_queue_size sample is there; returns
    it. The simulator's world gives demo_queue 42 per minute, summed over five minutes: 210."""
    def demo_sample():
        status, _, body = http(base_url + "/metrics")
        return status == 200 and [s for s in exposition.parse(body)
                                  if s.name == "demo_queue_size"]
    [sample] = wait_until(demo_sample, timeout, what, context=context)
    return sample
