#!/usr/bin/env python3
"""Reduces a /metrics scrape to what bench/monitoring.sh needs, as one JSON object on stdout: samples written, poll
errors summed by kind, and every node's sensor and event poll counts.

    scrape.py FILE
"""
import json
import re
import sys

LINE = re.compile(r'^(\w+)(?:\{(.*)\})?\s+(\S+)')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def main():
    result = {"samples_written": 0.0, "write_failures": 0.0, "errors": {}, "polls": {"sensors": {}, "events": {}}}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = LINE.match(line)
            if not m:
                continue
            name, labels, value = m.group(1), dict(LABEL.findall(m.group(2) or "")), float(m.group(3))
            if name == "lifeline_monitoring_samples_written_total":
                result["samples_written"] = value
            elif name == "lifeline_monitoring_sample_write_failures_total":
                result["write_failures"] = value
            elif name == "lifeline_bmc_poll_errors_total":
                kind = labels.get("kind", "?")
                result["errors"][kind] = result["errors"].get(kind, 0) + value
            elif name == "lifeline_bmc_polls_total":
                result["polls"].setdefault(labels.get("kind", "?"), {})[labels.get("node", "?")] = value
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
