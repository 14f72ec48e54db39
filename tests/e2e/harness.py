"""Process and HTTP helpers for Mensor's end-to-end tests.

Every process a test starts is registered here, stopped by the test's cleanup and killed at exit
at the latest, ports are picked free at run time, and waiting is always polling with a deadline,
never a fixed sleep.
"""
import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import exposition

REPO = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("MENSOR_BUILD_DIR", REPO / "build"))
BIN = BUILD / "bin"
DEMO = REPO / "config" / "demo"
WORLD = DEMO / "simulator-world.json"
LOADER_FIXTURES = BUILD / "tests" / "loader" / "fixtures"

_live = []


def _kill_all():
    for proc in _live:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


atexit.register(_kill_all)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout, what, interval=0.05, context=None):
    """Polls predicate() until it returns a truthy value; fails naming `what` at the deadline.

    `context`, a callable, adds e.g. a log tail to the failure message.
    """
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except Exception as error:  # noqa: BLE001 - the last error is reported at the deadline
            last_error = error
        time.sleep(interval)
    extra = f"\n--- context ---\n{context()}" if context else ""
    raise AssertionError(
        f"timed out after {timeout}s waiting for {what} (last error: {last_error}){extra}")


def http(url, method="GET", body=None, headers=None, timeout=5):
    request = urllib.request.Request(url, method=method, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def require_tool(name, env_flags=("MENSOR_REQUIRE_PROMETHEUS",)):
    """Returns the tool's path. When it's missing: fails if one of `env_flags` is 1, else skips."""
    path = shutil.which(name)
    if path is None:
        flags = [flag for flag in env_flags if os.environ.get(flag) == "1"]
        if flags:
            raise AssertionError(f"{name} is not on PATH but {flags[0]}=1 requires it")
        raise unittest.SkipTest(f"{name} is not on PATH (apt-get install prometheus); "
                                f"set MENSOR_REQUIRE_PROMETHEUS=1 to make this a failure")
    return path


class Process:
    """A child process with its output in a log file."""

    def __init__(self, args, log_path, env=None, cwd=None):
        self.log_path = Path(log_path)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, env=env,
                                     cwd=cwd, stdin=subprocess.DEVNULL)
        _live.append(self.proc)

    def alive(self):
        return self.proc.poll() is None

    def log(self):
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def tail(self, lines=40):
        return "\n".join(self.log().splitlines()[-lines:])

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Sends `sig` and returns (seconds until exit, exit code)."""
        if self.proc.poll() is not None:
            return 0.0, self.proc.returncode
        start = time.monotonic()
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        return time.monotonic() - start, code

    def close(self):
        self.stop(signal.SIGKILL)
        self._log.close()


class Simulator:
    def __init__(self, workdir, world=WORLD, extra_args=()):
        port_file = Path(workdir) / "sim.port"
        args = [str(BIN / "mensor-azure-sim"), "--port", "0", "--port-file", str(port_file)]
        if world:
            args += ["--world", str(world)]
        args += list(extra_args)
        self.process = Process(args, Path(workdir) / "simulator.log")
        self.port = wait_until(
            lambda: port_file.exists() and int(port_file.read_text().strip() or 0),
            10, "the simulator's port file", context=self.process.tail)
        self.url = f"http://127.0.0.1:{self.port}"

    def fault(self, **spec):
        status, _, body = http(self.url + "/_sim/faults", "POST", json.dumps(spec).encode(),
                               {"Content-Type": "application/json"})
        assert status in (200, 201, 204), (status, body)
        return json.loads(body)

    def clear_faults(self):
        status, _, body = http(self.url + "/_sim/faults", "DELETE")
        assert status in (200, 204), (status, body)

    def requests(self):
        return json.loads(http(self.url + "/_sim/requests")[2])

    def count(self, kind):
        return self.requests()["counts"].get(kind, 0)

    def token(self, audience=None):
        query = "?" + urllib.parse.urlencode({"audience": audience}) if audience else ""
        return json.loads(http(self.url + "/_sim/token" + query)[2])["access_token"]

    def close(self):
        self.process.close()


def demo_declaration(schedule=None, extra_metrics=""):
    """The walkthrough's declaration template, optionally with another schedule and metrics."""
    text = (DEMO / "metrics-declaration.yaml.in").read_text()
    if schedule:
        text = text.replace('schedule: "* * * * *"', f'schedule: "{schedule}"')
    return text.rstrip("\n") + "\n" + extra_metrics


def queue_metric(name, queue, metric="ActiveMessages", aggregation="Total"):
    """A declaration entry for one more queue of the walkthrough's namespace."""
    return (f"  - name: {name}\n"
            f"    description: \"Amount of active messages of the '{queue}' queue\"\n"
            f"    resourceType: ServiceBusNamespace\n"
            f"    azureMetricConfiguration:\n"
            f"      metricName: {metric}\n"
            f"      aggregation:\n"
            f"        type: {aggregation}\n"
            f"    resources:\n"
            f"      - namespace: PromitorUniqueNameServiceBus\n"
            f"        queueName: {queue}\n")


def write_config(directory, sim_url, http_port, runtime_extra="", declaration=None, mode=None,
                 runtime_replace=()):
    """Writes runtime.yaml and metrics-declaration.yaml from the demo templates."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    subst = {"@SIM_URL@": sim_url, "@HTTP_PORT@": str(http_port), "@CONFIG_DIR@": str(directory)}
    runtime = (DEMO / "runtime.yaml.in").read_text()
    decl = declaration if declaration is not None else demo_declaration()
    for key, value in subst.items():
        runtime = runtime.replace(key, value)
        decl = decl.replace(key, value)
    if mode:
        runtime = runtime.replace("mode: SystemAssignedManagedIdentity", f"mode: {mode}")
    for old, new in runtime_replace:
        assert old in runtime, old
        runtime = runtime.replace(old, new)
    (directory / "runtime.yaml").write_text(runtime + runtime_extra)
    (directory / "metrics-declaration.yaml").write_text(decl)
    return directory


def agent_env(sim_url, env_extra=None):
    env = dict(os.environ)
    for key in ("PROMITOR_CONFIG_FOLDER", "MENSOR_PLUGIN_PATH", "PROMITOR_AUTH_APPKEY",
                "AUTH_APPKEY", "PROMITOR_AUTH_APPID"):
        env.pop(key, None)
    if sim_url:
        env["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = sim_url
    env.update(env_extra or {})
    return env


def run_mensor(*args, env_extra=None, timeout=20):
    """Runs bin/mensor to completion; returns the CompletedProcess (text stdout/stderr)."""
    return subprocess.run([str(BIN / "mensor"), *map(str, args)], env=agent_env(None, env_extra),
                          capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


class Agent:
    def __init__(self, workdir, config_dir, sim_url, http_port, env_extra=None, args=()):
        Path(workdir).mkdir(parents=True, exist_ok=True)
        self.process = Process([str(BIN / "mensor"), "--config-folder", str(config_dir), *args],
                               Path(workdir) / "agent.log", env=agent_env(sim_url, env_extra))
        self.url = f"http://127.0.0.1:{http_port}"

    def log(self):
        return self.process.log()

    def get(self, path, timeout=5):
        return http(self.url + path, timeout=timeout)

    def serving(self):
        try:
            return self.get("/api/v1/system", timeout=1)[0] == 200
        except OSError:
            return False

    def wait_serving(self, timeout=10):
        wait_until(self.serving, timeout, "the agent's HTTP API", context=self.process.tail)

    def wait_serving_or_exit(self, timeout=10):
        """Waits until the agent serves its API (True) or has exited (False)."""
        wait_until(lambda: self.serving() or not self.process.alive(), timeout,
                   "the agent to serve or exit", context=self.process.tail)
        return self.process.alive()

    def samples(self):
        status, _, body = self.get("/metrics")
        assert status == 200, (status, body)
        return exposition.parse(body)

    def sample(self, name, **labels):
        """The one sample of `name` whose labels include `labels`, or None."""
        found = exposition.select(self.samples(), name, **labels)
        assert len(found) <= 1, found
        return found[0] if found else None

    def wait_sample(self, name, timeout, where=lambda s: True, **labels):
        """Polls /metrics until a sample of `name` with `labels` satisfies `where`."""
        def check():
            found = self.sample(name, **labels)
            return found if found is not None and where(found) else None
        return wait_until(check, timeout, f"{name}{labels} to satisfy the condition",
                          interval=0.1, context=self.process.tail)

    def stop(self, sig=signal.SIGTERM, timeout=10):
        return self.process.stop(sig, timeout)

    def close(self):
        self.process.close()


class Prometheus:
    """A real Prometheus scraping 127.0.0.1:target_port every second."""

    def __init__(self, binary, workdir, target_port, metrics_path="/metrics"):
        workdir = Path(workdir)
        port = free_port()
        (workdir / "prometheus.yml").write_text(
            "global: {scrape_interval: 1s, scrape_timeout: 1s}\n"
            "scrape_configs:\n"
            "  - job_name: mensor\n"
            f"    metrics_path: {metrics_path}\n"
            f"    static_configs: [{{targets: ['127.0.0.1:{target_port}']}}]\n")
        self.process = Process([binary, f"--config.file={workdir / 'prometheus.yml'}",
                                f"--storage.tsdb.path={workdir / 'prom-data'}",
                                f"--web.listen-address=127.0.0.1:{port}"],
                               workdir / "prometheus.log")
        self.url = f"http://127.0.0.1:{port}"
        wait_until(lambda: http(self.url + "/-/ready")[0] == 200, 15,
                   "Prometheus to become ready", context=self.process.tail)

    def api(self, path, **params):
        query = "?" + urllib.parse.urlencode(params) if params else ""
        status, _, body = http(self.url + "/api/v1/" + path + query)
        assert status == 200, body
        document = json.loads(body)
        assert document["status"] == "success", document
        return document["data"]

    def query(self, promql):
        return self.api("query", query=promql)["result"]

    def close(self):
        self.process.close()


def tempdir(prefix):
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, True)
    return Path(path)


def started(owner, thing):
    """Registers `thing.close` as a cleanup of `owner`, a test or (in setUpClass) a test class,
    so it runs on failure too; returns thing."""
    if isinstance(owner, type):
        owner.addClassCleanup(thing.close)
    else:
        owner.addCleanup(thing.close)
    return thing


def start_stack(owner, prefix, declaration=None, mode=None, env_extra=None, faults=(),
                runtime_replace=(), sim_args=()):
    """Starts a simulator (faults already in place) and an agent with the demo configuration.

    Returns (workdir, simulator, agent); both processes are cleaned up with the test.
    """
    workdir = tempdir(prefix)
    sim = started(owner, Simulator(workdir, extra_args=sim_args))
    for fault in faults:
        sim.fault(**fault)
    for attempt in range(3):
        # A free port can be taken by a parallel test before the agent binds it: try another.
        port = free_port()
        config = write_config(workdir / "config", sim.url, port, declaration=declaration,
                              mode=mode, runtime_replace=runtime_replace)
        agent = started(owner, Agent(workdir / f"agent-{attempt}", config, sim.url, port,
                                     env_extra))
        if not agent.wait_serving_or_exit() and "Address already in use" in agent.log():
            continue
        return workdir, sim, agent
    raise AssertionError(f"the agent found no free port:\n{agent.log()}")
