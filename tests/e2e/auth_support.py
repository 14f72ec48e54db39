"""Helpers shared by the authentication end-to-end tests: test certificates made with the
OpenSSL command line at test time (nothing committed), runtime.yaml edits per mode, and the
simulator's record of accepted client assertions."""
import json
import subprocess
from pathlib import Path

import harness

FEDERATED_ISSUER = "https://oidc.mensor-sim.local/cluster/"
FEDERATED_SUBJECT = "system:serviceaccount:monitoring:mensor"
# Every two seconds, so refreshes and retries show within a test's budget.
FAST_SCHEDULE = "*/2 * * * * *"
MANAGED_IDENTITY_LINE = "mode: SystemAssignedManagedIdentity"


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60,
                   stdin=subprocess.DEVNULL)


def make_certificate(directory, name, pfx_password=None):
    """A fresh RSA key and self-signed certificate. Returns (combined PEM path, certificate-only
    PEM path, PFX path or None)."""
    directory = Path(directory)
    key, cert = directory / f"{name}.key", directory / f"{name}.crt"
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
            str(cert), "-days", "1", "-subj", f"/CN={name}")
    combined = directory / f"{name}.pem"
    combined.write_text(cert.read_text() + key.read_text())
    pfx = None
    if pfx_password is not None:
        pfx = directory / f"{name}.pfx"
        openssl("pkcs12", "-export", "-inkey", str(key), "-in", str(cert), "-out", str(pfx),
                "-passout", f"pass:{pfx_password}")
    return combined, cert, pfx


def mode_replace(mode_block, verbosity="Information"):
    """runtime_replace entries switching the demo's managed identity to `mode_block`."""
    replace = [(MANAGED_IDENTITY_LINE, mode_block)]
    if verbosity != "Information":
        replace.append(("defaultVerbosity: Information", f"defaultVerbosity: {verbosity}"))
    return replace


def accepted_assertions(sim):
    return json.loads(harness.http(sim.url + "/_sim/assertions")[2])["accepted"]


def federated_token(sim, subject=FEDERATED_SUBJECT, lifetime=3600):
    query = f"?subject={subject}&lifetime={lifetime}"
    body = json.loads(harness.http(sim.url + "/_sim/federated-token" + query)[2])
    return body["token"], body["jti"]


def start_with_env(owner, prefix, sim_args, runtime_replace, env_for_sim, declaration=None,
                   before_agent=None):
    """Like harness.start_stack, but the agent's environment is computed from the running
    simulator (`env_for_sim(sim, workdir)`), e.g. IDENTITY_ENDPOINT pointing at it, and
    `before_agent(sim, workdir)` can prepare files first. Returns (workdir, sim, agent)."""
    workdir = harness.tempdir(prefix)
    sim = harness.started(owner, harness.Simulator(workdir, extra_args=list(sim_args)))
    if before_agent:
        before_agent(sim, workdir)
    env = env_for_sim(sim, workdir)
    for attempt in range(3):
        port = harness.free_port()
        config = harness.write_config(workdir / "config", sim.url, port, declaration=declaration,
                                      runtime_replace=runtime_replace)
        agent = harness.started(owner, harness.Agent(workdir / f"agent-{attempt}", config,
                                                     sim.url, port, env))
        if not agent.wait_serving_or_exit() and "Address already in use" in agent.log():
            continue
        return workdir, sim, agent
    raise AssertionError(f"the agent found no free port:\n{agent.log()}")
