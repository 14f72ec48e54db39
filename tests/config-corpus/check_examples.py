#!/usr/bin/env python3
"""Every example under config/examples/ must pass `mensor validate --strict` (no error, no
warning) and validate against the committed JSON Schemas in config/schema/ (the schema an editor
uses must agree with the loader). Needs Debian's python3-yaml and python3-jsonschema."""
import argparse
import json
import pathlib
import subprocess
import sys

import jsonschema
import yaml

SCHEMAS = {"runtime.yaml": "runtime.schema.json",
           "metrics-declaration.yaml": "metrics-declaration.schema.json"}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mensor", required=True)
    parser.add_argument("--examples", required=True, type=pathlib.Path)
    parser.add_argument("--schemas", required=True, type=pathlib.Path)
    options = parser.parse_args()
    failures, passed = [], 0
    folders = sorted(p for p in options.examples.iterdir() if p.is_dir())
    for folder in folders:
        result = subprocess.run([options.mensor, "validate", "--strict", "--config-folder", folder],
                                capture_output=True, text=True, timeout=60,
                                stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            failures.append(f"{folder.name}: mensor validate exited {result.returncode}\n"
                            f"{result.stderr}")
        else:
            passed += 1
        for file_name, schema_name in SCHEMAS.items():
            path = folder / file_name
            if not path.exists():
                failures.append(f"{folder.name}: no {file_name}")
                continue
            first_line = path.read_text().splitlines()[0]
            if f"$schema=../../schema/{schema_name}" not in first_line:
                failures.append(f"{path}: first line is not the yaml-language-server modeline")
            schema = json.loads((options.schemas / schema_name).read_text())
            # Promitor's files are YAML 1.1 read by .NET, where 00:05:00 is text: load as text.
            document = yaml.load(path.read_text(), Loader=yaml.BaseLoader)
            errors = list(jsonschema.Draft7Validator(schema).iter_errors(coerce(document)))
            if errors:
                failures.append(f"{path}: " + "; ".join(
                    f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors))
            else:
                passed += 1
    if not folders:
        failures.append("no examples found")
    for failure in failures:
        print(f"FAILED: {failure}")
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


def coerce(node):
    """YAML scalars as an editor's YAML 1.2 reader types them (ints, floats, booleans)."""
    if isinstance(node, dict):
        return {key: coerce(value) for key, value in node.items()}
    if isinstance(node, list):
        return [coerce(item) for item in node]
    if node in ("true", "false"):
        return node == "true"
    for kind in (int, float):
        try:
            return kind(node)
        except ValueError:
            pass
    return node


if __name__ == "__main__":
    sys.exit(main())
