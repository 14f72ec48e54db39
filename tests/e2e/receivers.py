"""The real receivers the sink tests send to, each started on free ports and cleaned up like every
other process of the harness: the Etsy StatsD daemon (npm statsd, repeater backend), the OTLP
decoder of tests/receivers/otlp_receiver.js, a UDP listener, and a real Prometheus accepting
remote write."""
import json
import os
import http.server
import socket
import threading
import unittest
import urllib.parse
from pathlib import Path

import harness

RECEIVERS = harness.REPO / "tests" / "receivers"
NODE_MODULES = RECEIVERS / "node_modules"


def require_receivers():
    """The pinned npm receivers must be installed (scripts/install-deps.sh). Missing: fails under
    MENSOR_REQUIRE_RECEIVERS=1 (CI), else skips."""
    node = harness.require_tool("node", ("MENSOR_REQUIRE_RECEIVERS",))
    if not (NODE_MODULES / "statsd").is_dir() or not (NODE_MODULES / "@grpc").is_dir():
        message = f"{NODE_MODULES} is missing: run scripts/install-deps.sh"
        if os.environ.get("MENSOR_REQUIRE_RECEIVERS") == "1":
            raise AssertionError(message + " (MENSOR_REQUIRE_RECEIVERS=1)")
        raise unittest.SkipTest(message)
    return node


class UdpListener:
    """Collects datagrams on a free loopback port."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.datagrams = []

    def drain(self):
        while True:
            try:
                self.datagrams.append(self.sock.recv(65536).decode())
            except socket.timeout:
                return self.datagrams

    def lines(self):
        return [line for d in self.drain() for line in d.split("\n")]

    def close(self):
        self.sock.close()


class StatsdDaemon:
    """npm statsd@0.9.0 with its repeater backend forwarding every packet byte for byte to a
    UdpListener, and its management port for what the daemon parsed."""

    def __init__(self, workdir, node):
        workdir = Path(workdir)
        self.repeated = UdpListener()
        self.port = harness.free_port()  # a free TCP port number; UDP on it is free as well here
        self.mgmt_port = harness.free_port()
        config = workdir / "statsd-config.js"
        config.write_text(
            "{ port: %d, address: '127.0.0.1', mgmt_port: %d, mgmt_address: '127.0.0.1',\n"
            "  flushInterval: 3600000, deleteIdleStats: false,\n"
            "  backends: ['./backends/repeater'],\n"
            "  repeater: [{ host: '127.0.0.1', port: %d }], repeaterProtocol: 'udp4' }\n"
            % (self.port, self.mgmt_port, self.repeated.port))
        self.process = harness.Process([node, str(NODE_MODULES / "statsd" / "bin" / "statsd"),
                                        str(config)], workdir / "statsd.log",
                                       cwd=str(NODE_MODULES / "statsd"))
        harness.wait_until(lambda: "server is up" in self.process.log(), 15,
                           "the StatsD daemon to start", context=self.process.tail)

    def admin(self, command):
        """Sends a management command ('gauges', 'stats') and returns the text before END."""
        with socket.create_connection(("127.0.0.1", self.mgmt_port), timeout=5) as conn:
            conn.sendall(command.encode() + b"\n")
            data = b""
            while b"END" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
        return data.decode().split("END")[0]

    def close(self):
        self.process.close()
        self.repeated.close()


class OtlpReceiver:
    """tests/receivers/otlp_receiver.js: decodes OTLP over HTTP and gRPC with the real
    OpenTelemetry JS protobuf classes."""

    def __init__(self, workdir, node):
        self.process = harness.Process([node, str(RECEIVERS / "otlp_receiver.js")],
                                       Path(workdir) / "otlp.jsonl", cwd=str(RECEIVERS))
        listening = harness.wait_until(
            lambda: next((r["listening"] for r in self.records() if "listening" in r), None),
            15, "the OTLP receiver to listen", context=self.process.tail)
        self.http_port = listening["http"]
        self.grpc_port = listening["grpc"]

    def records(self):
        out = []
        for line in self.process.log().splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
        return out

    def requests(self, src):
        return [r for r in self.records() if r.get("src") == src and "req" in r]

    def errors(self):
        return [r for r in self.records() if "error" in r]

    def close(self):
        self.process.close()


class StatuspageSimulator:
    """tests/receivers/statuspage_sim.py: checks the OAuth key, page, metric ids and body."""

    def __init__(self, workdir, page, metrics, api_key):
        workdir = Path(workdir)
        port_file = workdir / "statuspage.port"
        env = dict(os.environ, MENSOR_TEST_STATUSPAGE_KEY=api_key)
        args = [str(RECEIVERS / "statuspage_sim.py"), "--page", page,
                "--api-key-env", "MENSOR_TEST_STATUSPAGE_KEY", "--port-file", str(port_file)]
        for metric in metrics:
            args += ["--metric", metric]
        self.process = harness.Process(["python3", *args], workdir / "statuspage.log", env=env)
        self.port = harness.wait_until(
            lambda: port_file.exists() and int(port_file.read_text() or 0), 10,
            "the Statuspage simulator's port file", context=self.process.tail)
        self.url = f"http://127.0.0.1:{self.port}"

    def points(self):
        return json.loads(harness.http(self.url + "/_sim/points")[2])

    def fail_next(self, *statuses):
        body = json.dumps({"statuses": list(statuses)}).encode()
        status, _, text = harness.http(self.url + "/_sim/fail", "POST", body,
                                       {"Content-Type": "application/json"})
        assert status == 200, text

    def close(self):
        self.process.close()


class RemoteWritePrometheus:
    """A real Prometheus that scrapes nothing and accepts remote write on /api/v1/write."""

    def __init__(self, binary, workdir):
        workdir = Path(workdir)
        port = harness.free_port()
        (workdir / "prometheus-rw.yml").write_text("global: {scrape_interval: 1m}\n")
        self.process = harness.Process(
            [binary, f"--config.file={workdir / 'prometheus-rw.yml'}",
             f"--storage.tsdb.path={workdir / 'prom-rw-data'}",
             f"--web.listen-address=127.0.0.1:{port}", "--web.enable-remote-write-receiver"],
            workdir / "prometheus-rw.log")
        self.url = f"http://127.0.0.1:{port}"
        self.write_url = self.url + "/api/v1/write"
        harness.wait_until(lambda: harness.http(self.url + "/-/ready")[0] == 200, 15,
                           "Prometheus to become ready", context=self.process.tail)

    def query(self, promql):
        query = urllib.parse.urlencode({"query": promql})
        status, _, body = harness.http(f"{self.url}/api/v1/query?{query}")
        assert status == 200, body
        return json.loads(body)["data"]["result"]

    def close(self):
        self.process.close()


class BlackHole:
    """A TCP port that accepts connections (the kernel completes the handshake) but never reads
    or answers: every request to it hangs until the client's own timeout."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def close(self):
        self.sock.close()


class FlakyFront:
    """An HTTP front (a thread of the test) that answers the first requests with the given
    statuses, then forwards every request to `target` and relays the answer: a receiver that is
    throttling or failing for a while."""

    def __init__(self, target, statuses):
        front = self
        self.target = target
        self.statuses = list(statuses)
        self.seen = []  # status answered to each request
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with front.lock:
                    injected = front.statuses.pop(0) if front.statuses else None
                if injected is not None:
                    status, reply = injected, b"injected failure\n"
                else:
                    headers = {k: v for k, v in self.headers.items()
                               if k.lower() not in ("host", "content-length", "connection")}
                    status, _, text = harness.http(front.target + self.path, "POST", body,
                                                   headers)
                    reply = text.encode()
                with front.lock:
                    front.seen.append(status)
                self.send_response(status)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answered(self):
        with self.lock:
            return list(self.seen)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
