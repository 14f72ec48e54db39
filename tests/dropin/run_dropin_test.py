#!/usr/bin/env python3
"""Drop-in plugin test: a third party builds a plugin against the *installed* SDK only, and the
*installed* agent loads it and feeds it samples.

Steps: cmake --install the build tree into a temporary prefix and check its layout; configure and
build tests/dropin/example-sink (copied out of the tree) with only that prefix; list it with
`<prefix>/bin/mensor plugins`; run the installed agent against the Azure simulator with the demo
configuration plus the drop-in sink, and poll the sink's file for the walkthrough sample.

Every wait polls with a deadline; every process started here is stopped on exit.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUILT_INS = ["servicebus", "prometheus", "managed-identity", "service-principal",
             "workload-identity", "sdk-default", "statsd", "opentelemetry", "statuspage",
             "remote-write"]
SUBSCRIPTION = "0f9d7fea-99e8-4768-8672-06a28514f77e"
RESOURCE_GROUP = "PromitorWithManagedIdentityRG"
NAMESPACE = "PromitorUniqueNameServiceBus"
WALKTHROUGH_LABELS = {
    "resource_group": RESOURCE_GROUP,
    "subscription_id": SUBSCRIPTION,
    "resource_uri": f"subscriptions/{SUBSCRIPTION}/resourceGroups/{RESOURCE_GROUP}"
                    f"/providers/Microsoft.ServiceBus/namespaces/{NAMESPACE}",
    "instance_name": NAMESPACE,
    "entity_name": "demo_queue",
    "tenant_id": "c8819874-9e56-4e3f-b1a8-1c0325138f27",
}

_processes = []


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def run(args, what, env=None, timeout=600):
    """Runs a command to completion; fails the test with its output if it fails."""
    print("+", " ".join(str(a) for a in args), flush=True)
    try:
        result = subprocess.run([str(a) for a in args], env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        fail(f"{what} did not finish within {timeout}s")
    output = result.stdout.decode(errors="replace")
    if result.returncode != 0:
        fail(f"{what} failed with exit code {result.returncode}:\n{output}")
    return output


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    fail(f"timed out after {timeout}s waiting for {what}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args, log_path, env=None):
    log = open(log_path, "wb")
    proc = subprocess.Popen([str(a) for a in args], stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, env=env)
    _processes.append(proc)
    return proc


def stop(proc, timeout=10):
    """SIGTERM, then SIGKILL after `timeout`; returns the exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


def check_layout(prefix):
    expected = [prefix / "bin" / "mensor",
                prefix / "include" / "mensor" / "abi.h",
                prefix / "include" / "mensor" / "sdk.hpp",
                prefix / "lib" / "cmake" / "MensorSDK" / "MensorSDKConfig.cmake",
                prefix / "lib" / "cmake" / "MensorSDK" / "MensorSDKConfigVersion.cmake",
                prefix / "lib" / "cmake" / "MensorSDK" / "MensorPlugin.cmake"]
    expected += [prefix / "lib" / "mensor" / "plugins" / f"libmensor-plugin-{name}.so"
                 for name in BUILT_INS]
    missing = [str(path.relative_to(prefix)) for path in expected if not path.is_file()]
    if missing:
        listing = "\n".join(str(p.relative_to(prefix)) for p in sorted(prefix.rglob("*")))
        fail(f"the install is missing {missing}; installed:\n{listing}")
    if not os.access(prefix / "bin" / "mensor", os.X_OK):
        fail("bin/mensor is not executable")


def build_example(source_dir, work, prefix, cmake):
    # Copy the example out of the Mensor tree so nothing can resolve relative to it.
    src = work / "example-sink"
    shutil.copytree(source_dir / "tests" / "dropin" / "example-sink", src)
    build = work / "example-build"
    configure = [cmake, "-S", src, "-B", build, f"-DCMAKE_PREFIX_PATH={prefix}",
                 "-DCMAKE_BUILD_TYPE=Release"]
    if shutil.which("ninja"):
        configure += ["-G", "Ninja"]
    run(configure, "configuring the example plugin against the installed SDK")
    run([cmake, "--build", build, "-j2"], "building the example plugin")
    plugin = build / "libmensor-plugin-json-lines.so"
    if not plugin.is_file():
        fail(f"the example build did not produce {plugin.name}")
    return build


def write_config(source_dir, config_dir, sim_url, http_port, out_file):
    config_dir.mkdir()
    demo = source_dir / "config" / "demo"
    subst = {"@SIM_URL@": sim_url, "@HTTP_PORT@": str(http_port), "@CONFIG_DIR@": str(config_dir)}
    texts = {}
    for name in ["runtime.yaml", "metrics-declaration.yaml"]:
        text = (demo / f"{name}.in").read_text()
        for key, value in subst.items():
            text = text.replace(key, value)
        texts[name] = text
    if "metricSinks:\n" not in texts["runtime.yaml"]:
        fail("config/demo/runtime.yaml.in has no metricSinks section to extend")
    texts["runtime.yaml"] = texts["runtime.yaml"].replace(
        "metricSinks:\n", f"metricSinks:\n  jsonLinesFile:\n    path: {out_file}\n", 1)
    for name, text in texts.items():
        (config_dir / name).write_text(text)


def walkthrough_line(out_file):
    """The first demo_queue_size sample with the walkthrough labels, else None."""
    if not out_file.exists():
        return None
    for line in out_file.read_text().splitlines():
        try:
            sample = json.loads(line)
        except json.JSONDecodeError:
            fail(f"the drop-in wrote a line that is not JSON: {line!r}")
        if sample.get("name") == "demo_queue_size" and sample.get("labels") == WALKTHROUGH_LABELS:
            return sample
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", required=True, type=Path)
    parser.add_argument("--source-dir", required=True, type=Path)
    parser.add_argument("--cmake", default="cmake")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mensor-dropin-"))
    try:
        prefix = work / "prefix"
        run([args.cmake, "--install", args.build_dir, "--prefix", prefix], "cmake --install")
        check_layout(prefix)
        example_build = build_example(args.source_dir, work, prefix, args.cmake)

        env = dict(os.environ)
        env.pop("PROMITOR_CONFIG_FOLDER", None)
        env["MENSOR_PLUGIN_PATH"] = str(example_build)
        listing = run([prefix / "bin" / "mensor", "plugins"], "mensor plugins", env=env, timeout=60)
        print(listing)
        if "json-lines 0.1.0 (registered)" not in listing or \
                "provides sink 'jsonLinesFile'" not in listing:
            fail("the drop-in is not listed as a registered jsonLinesFile sink")
        for name in BUILT_INS:
            if str(prefix / "lib" / "mensor" / "plugins" / f"libmensor-plugin-{name}.so") \
                    not in listing:
                fail(f"the installed agent did not load its installed built-in '{name}'")

        port_file = work / "sim.port"
        sim = start([args.build_dir / "bin" / "mensor-azure-sim", "--port", "0", "--port-file",
                     port_file, "--world", args.source_dir / "config" / "demo" /
                     "simulator-world.json"], work / "simulator.log")
        sim_port = wait_until(lambda: port_file.exists() and port_file.read_text().strip(), 15,
                              "the simulator's port file")
        sim_url = f"http://127.0.0.1:{sim_port}"

        out_file = work / "out.jsonl"
        config_dir = work / "config"
        write_config(args.source_dir, config_dir, sim_url, free_port(), out_file)
        env["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = sim_url
        agent = start([prefix / "bin" / "mensor", "--config-folder", config_dir],
                      work / "agent.log", env=env)

        def sample_or_exit():
            if agent.poll() is not None:
                fail(f"the agent exited with {agent.returncode}:\n"
                     f"{(work / 'agent.log').read_text(errors='replace')}")
            return walkthrough_line(out_file)

        sample = wait_until(sample_or_exit, 60, "a demo_queue_size line in the drop-in's file")
        # The world gives demo_queue 42 active messages per minute; the declaration asks for the
        # Total over five-minute buckets.
        if sample.get("value") != 5 * 42:
            fail(f"demo_queue_size is {sample.get('value')}, expected 5 x 42 = 210")
        code = stop(agent)
        if code != 0:
            fail(f"the agent exited with {code} on SIGTERM:\n"
                 f"{(work / 'agent.log').read_text(errors='replace')}")
        stop(sim)
        print(f"OK: the drop-in wrote {json.dumps(sample)}")
    finally:
        for proc in _processes:
            stop(proc, timeout=5)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
