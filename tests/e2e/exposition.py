"""A small parser for the Prometheus text exposition format (0.0.4), enough for assertions."""
import re
from dataclasses import dataclass, field

_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+(-?\d+))?$")
_LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)')
_UNESCAPE = {"\\\\": "\\", '\\"': '"', "\\n": "\n"}


@dataclass
class Sample:
    name: str
    labels: dict = field(default_factory=dict)
    value: float = 0.0
    timestamp_ms: int = None


def _labels(text):
    labels, position = {}, 0
    while position < len(text):
        match = _LABEL.match(text, position)
        if not match:
            raise ValueError(f"bad label set: {text!r}")
        value = re.sub(r"\\[\\\"n]", lambda m: _UNESCAPE[m.group(0)], match.group(2))
        labels[match.group(1)] = value
        position = match.end()
    return labels


def parse(text):
    """Returns the samples of an exposition body in order; raises ValueError on a bad line."""
    samples = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = _SAMPLE.match(line)
        if not match:
            raise ValueError(f"bad sample line: {line!r}")
        name, labels, value, timestamp = match.groups()
        samples.append(Sample(name, _labels(labels or ""), float(value),
                              int(timestamp) if timestamp else None))
    return samples


def select(samples, name, **labels):
    return [s for s in samples
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())]


def metadata(text):
    """Returns {name: {"help": ..., "type": ...}} from the HELP and TYPE lines."""
    result = {}
    for line in text.splitlines():
        parts = line.split(" ", 3)
        if len(parts) >= 3 and parts[0] == "#" and parts[1] in ("HELP", "TYPE"):
            result.setdefault(parts[2], {})[parts[1].lower()] = parts[3] if len(parts) > 3 else ""
    return result
