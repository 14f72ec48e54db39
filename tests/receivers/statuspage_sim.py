#!/usr/bin/env python3
"""A strict stand-in for the Atlassian Statuspage system-metrics API, for the sink tests.

POST /v1/pages/{page_id}/metrics/{metric_id}/data
  - Authorization must be exactly "OAuth <api key>"      else 401 {"error": "Could not authenticate"}
  - the page must be --page, the metric one of --metric   else 404 {"error": "Not found"}
  - Content-Type application/json; the body exactly {"data": {"timestamp": <int unix seconds within
    a day of now>, "value": <finite number>}}             else 400 {"error": "..."}
  - accepted points answer 201 with the point, like Statuspage
Test control (not part of Statuspage): GET /_sim/points (accepted points), GET /_sim/requests
(count), POST /_sim/fail {"statuses": [429, 503]} (the next requests fail with these statuses, in
order).

Usage: statuspage_sim.py --page P --metric M [--metric M2] --api-key-env VAR --port-file F
The API key is read from the environment variable named by --api-key-env, so it never appears on a
command line.
"""
import argparse
import json
import math
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATH = re.compile(r"^/v1/pages/([^/]+)/metrics/([^/]+)/data$")


class State:
    def __init__(self, page, metrics, api_key):
        self.page, self.metrics, self.api_key = page, set(metrics), api_key
        self.lock = threading.Lock()
        self.points = []
        self.requests = 0
        self.failures = []


def validate_body(raw):
    try:
        body = json.loads(raw)
    except ValueError as error:
        return None, f"body is not JSON: {error}"
    if not isinstance(body, dict) or set(body) != {"data"} or not isinstance(body["data"], dict):
        return None, "body must be {\"data\": {...}}"
    data = body["data"]
    if set(data) != {"timestamp", "value"}:
        return None, f"data must hold exactly timestamp and value, got {sorted(data)}"
    ts, value = data["timestamp"], data["value"]
    if not isinstance(ts, int) or isinstance(ts, bool) or abs(ts - time.time()) > 86400:
        return None, f"timestamp must be unix seconds near now, got {ts!r}"
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return None, f"value must be a finite number, got {value!r}"
    return data, None


def make_handler(state):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as two writes

        def log_message(self, *args):
            pass

        def reply(self, status, document):
            body = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            with state.lock:
                if self.path == "/_sim/points":
                    return self.reply(200, state.points)
                if self.path == "/_sim/requests":
                    return self.reply(200, {"requests": state.requests})
            self.reply(404, {"error": "Not found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > 65536:
                return self.reply(413, {"error": "too large"})
            raw = self.rfile.read(length)
            if self.path == "/_sim/fail":
                spec = json.loads(raw)
                with state.lock:
                    state.failures.extend(int(status) for status in spec["statuses"])
                return self.reply(200, spec)
            with state.lock:
                state.requests += 1
                if state.failures:
                    return self.reply(state.failures.pop(0), {"error": "injected failure"})
            if self.headers.get("Authorization") != f"OAuth {state.api_key}":
                return self.reply(401, {"error": "Could not authenticate"})
            match = PATH.match(self.path)
            if not match or match.group(1) != state.page or match.group(2) not in state.metrics:
                return self.reply(404, {"error": "Not found"})
            if (self.headers.get("Content-Type") or "").split(";")[0] != "application/json":
                return self.reply(400, {"error": "Content-Type must be application/json"})
            data, error = validate_body(raw)
            if error:
                return self.reply(400, {"error": error})
            point = {"metric_id": match.group(2), **data}
            with state.lock:
                state.points.append(point)
            self.reply(201, {"data": point})

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--page", required=True)
    parser.add_argument("--metric", action="append", required=True)
    parser.add_argument("--api-key-env", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    state = State(args.page, args.metric, os.environ[args.api_key_env])
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
