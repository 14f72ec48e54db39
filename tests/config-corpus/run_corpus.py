#!/usr/bin/env python3
"""Golden corpus of broken configurations: each case is validated by the real `mensor validate`
and its diagnostics (stderr) and exit code must match the case's `.expected` file exactly.

A case is one of
  cases/<name>.yaml        a metrics declaration      -> mensor validate --declaration <name>.yaml
  cases/<name>.runtime.yaml  a runtime.yaml           -> mensor validate --runtime <name>.runtime.yaml
  cases/<name>/            a configuration folder     -> mensor validate --config-folder <name>
plus cases/<name>.expected (the diagnostics, then "exit: N") and optionally cases/<name>.env
(KEY=VALUE lines added to the otherwise empty environment, e.g. PROMITOR_YAML_OVERRIDE_...).

Runs from cases/ so diagnostics carry short relative paths. `--update` rewrites the .expected
files from the current output (review the diff before committing)."""
import argparse
import os
import pathlib
import subprocess
import sys

CASES = pathlib.Path(__file__).resolve().parent / "cases"


def discover():
    for entry in sorted(CASES.iterdir()):
        if entry.is_dir():
            yield entry.name, ["--config-folder", entry.name]
        elif entry.name.endswith(".runtime.yaml"):
            yield entry.name[: -len(".runtime.yaml")], ["--runtime", entry.name]
        elif entry.suffix == ".yaml":
            yield entry.stem, ["--declaration", entry.name]


def run_case(mensor, name, args):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
    env_file = CASES / f"{name}.env"
    if env_file.exists():
        for line in env_file.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                key, _, value = line.partition("=")
                env[key] = value
    result = subprocess.run([mensor, "validate", *args], cwd=CASES, env=env, capture_output=True,
                            text=True, timeout=30, stdin=subprocess.DEVNULL)
    return result.stderr + f"exit: {result.returncode}\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mensor", required=True)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--min-cases", type=int, default=0)
    options = parser.parse_args()
    cases = list(discover())
    passed, failed = 0, []
    for name, args in cases:
        actual = run_case(options.mensor, name, args)
        expected_file = CASES / f"{name}.expected"
        if options.update:
            expected_file.write_text(actual)
        expected = expected_file.read_text() if expected_file.exists() else "(no .expected file)\n"
        if actual == expected:
            passed += 1
        else:
            failed.append(name)
            print(f"--- {name}: expected\n{expected}--- {name}: actual\n{actual}", file=sys.stderr)
    if len(cases) < options.min_cases:
        print(f"only {len(cases)} cases; the corpus must keep at least {options.min_cases}",
              file=sys.stderr)
        failed.append("(corpus size)")
    for name in failed:
        print(f"FAILED: {name}")
    print(f"{passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
