"""Process and HTTP helpers for Mensor's end-to-end tests.

Every process a test starts is registered here and killed at exit, ports are picked free at run
time, and waiting is always polling with a deadline, never a fixed sleep.
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
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("MENSOR_BUILD_DIR", REPO / "build"))
BIN = BUILD / "bin"

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


def wait_until(predicate, timeout, what, interval=0.05):
    """Polls predicate() until it returns a truthy value; fails naming `what` at the deadline."""
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
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last error: {last_error})")


def http(url, method="GET", body=None, headers=None, timeout=5):
    request = urllib.request.Request(url, method=method, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


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


class Simulator:
    def __init__(self, workdir, world=None, extra_args=()):
        port_file = Path(workdir) / "sim.port"
        args = [str(BIN / "mensor-azure-sim"), "--port", "0", "--port-file", str(port_file)]
        if world:
            args += ["--world", str(world)]
        args += list(extra_args)
        self.process = Process(args, Path(workdir) / "simulator.log")
        self.port = wait_until(lambda: port_file.exists() and int(port_file.read_text().strip() or 0),
                               10, "the simulator's port file")
        self.url = f"http://127.0.0.1:{self.port}"

    def fault(self, **spec):
        status, _, body = http(self.url + "/_sim/faults", "POST", json.dumps(spec).encode(),
                               {"Content-Type": "application/json"})
        assert status in (200, 201, 204), (status, body)

    def clear_faults(self):
        http(self.url + "/_sim/faults", "DELETE")

    def requests(self):
        return json.loads(http(self.url + "/_sim/requests")[2])


def write_config(directory, sim_url, http_port, runtime_extra="", declaration=None, mode=None):
    """Writes runtime.yaml and metrics-declaration.yaml from the demo templates."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    demo = REPO / "config" / "demo"
    subst = {"@SIM_URL@": sim_url, "@HTTP_PORT@": str(http_port), "@CONFIG_DIR@": str(directory)}
    runtime = (demo / "runtime.yaml.in").read_text()
    decl = declaration if declaration is not None else (demo / "metrics-declaration.yaml.in").read_text()
    for key, value in subst.items():
        runtime = runtime.replace(key, value)
        decl = decl.replace(key, value)
    if mode:
        runtime = runtime.replace("mode: SystemAssignedManagedIdentity", f"mode: {mode}")
    (directory / "runtime.yaml").write_text(runtime + runtime_extra)
    (directory / "metrics-declaration.yaml").write_text(decl)
    return directory


class Agent:
    def __init__(self, workdir, config_dir, sim_url, env_extra=None, args=()):
        env = dict(os.environ)
        env.pop("PROMITOR_CONFIG_FOLDER", None)
        env["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = sim_url
        env.update(env_extra or {})
        self.process = Process([str(BIN / "mensor"), "--config-folder", str(config_dir), *args],
                               Path(workdir) / "agent.log", env=env)


def start_prometheus(workdir, target_port, metrics_path="/metrics"):
    """Starts a real Prometheus scraping 127.0.0.1:target_port every second; returns (proc, url)."""
    binary = shutil.which("prometheus")
    if binary is None:
        return None, None
    workdir = Path(workdir)
    port = free_port()
    (workdir / "prometheus.yml").write_text(
        "global: {scrape_interval: 1s, scrape_timeout: 1s}\n"
        "scrape_configs:\n"
        "  - job_name: mensor\n"
        f"    metrics_path: {metrics_path}\n"
        f"    static_configs: [{{targets: ['127.0.0.1:{target_port}']}}]\n")
    proc = Process([binary, f"--config.file={workdir / 'prometheus.yml'}",
                    f"--storage.tsdb.path={workdir / 'prom-data'}",
                    f"--web.listen-address=127.0.0.1:{port}"], workdir / "prometheus.log")
    url = f"http://127.0.0.1:{port}"
    wait_until(lambda: http(url + "/-/ready")[0] == 200, 15, "Prometheus to become ready")
    return proc, url


def prom_query(url, query):
    status, _, body = http(url + "/api/v1/query?" + urllib.parse.urlencode({"query": query}))
    assert status == 200, body
    return json.loads(body)["data"]["result"]


def tempdir(prefix):
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, True)
    return Path(path)

