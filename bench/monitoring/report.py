#!/usr/bin/env python3
"""Prints bench/monitoring.sh's figures from what it recorded in WORK (facts, injections, scrapes, webhook log).

    report.py WORK NODES INTERVAL
"""
import datetime
import json
import os
import re
import statistics
import sys


def main():
    work, nodes, interval = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    facts = {}
    for line in open(os.path.join(work, "facts")):
        key, _, value = line.strip().partition("=")
        facts[key] = float(value)
    tick = facts["tick"]
    window = facts["window_s"]
    scrapes = {n: json.load(open(os.path.join(work, f"scrape.{n}.json"))) for n in ("start", "last", "end")}
    # the 'last' and 'end' scrapes fall inside or at the edge of the window: take their CPU out of the service's figure
    scrape_ticks = facts["scrape_last_cpu_ticks"]
    srv_cores = (facts["srv_cpu_ticks"] - scrape_ticks) / tick / window
    sim_cores = facts["sim_cpu_ticks"] / tick / window
    rss = [int(x) for x in open(os.path.join(work, "rss")).read().split()] or [0]
    growth = facts["db_end_bytes"] - facts["db_start_bytes"]
    written = scrapes["end"]["samples_written"] - scrapes["start"]["samples_written"]
    s0, s1, s2 = (scrapes[n]["polls"].get("sensors", {}) for n in ("start", "last", "end"))
    e0, e2 = scrapes["start"]["polls"].get("events", {}), scrapes["end"]["polls"].get("events", {})
    covered_last = sum(1 for n, v in s2.items() if v > s1.get(n, 0))
    per_node = [v - s0.get(n, 0) for n, v in s2.items()] or [0]
    ev_per_node = [v - e0.get(n, 0) for n, v in e2.items()] or [0]
    rounds = window / interval
    err0, err2 = scrapes["start"]["errors"], scrapes["end"]["errors"]

    print(f"import of {nodes} nodes: {facts['import_s']:.1f} s; simulator ready → import done {facts['setup_used_s']:.1f} s"
          + (f" (OVERRAN the set-up allowance by {facts['late_s']:.0f} s: the first round before the window was shorter)" if facts["late_s"] > 0 else ""))
    print(f"window: {window:.0f} s = {rounds:.2f} intervals")
    print(f"{'service CPU':<34} {srv_cores:8.3f} cores  (scrapes of /metrics excluded: {facts['scrape_last_cpu_ticks'] / tick:.1f} s CPU, {facts['scrape_last_s']:.1f} s wall each)")
    print(f"{'simulator CPU (same machine)':<34} {sim_cores:8.3f} cores")
    print(f"{'service RSS':<34} {max(rss) / 1024:8.0f} MiB max  (empty service {facts['rss_empty_kb'] / 1024:.0f} MiB; simulator {facts['sim_rss_kb'] / 1024:.0f} MiB)")
    used = facts["db_used_end_bytes"] - facts["db_used_start_bytes"]
    print(f"{'monitoring.db pages in use':<34} {facts['db_used_start_bytes'] / 2**20:8.1f} → {facts['db_used_end_bytes'] / 2**20:.1f} MiB; "
          f"{used / window * 86400 / 2**30:.2f} GiB/day extrapolated ({used / max(written, 1):.0f} B per sensor poll)")
    print(f"{'monitoring.db + -wal files':<34} {facts['db_start_bytes'] / 2**20:8.1f} → {facts['db_end_bytes'] / 2**20:.1f} MiB; "
          f"{growth / window * 86400 / 2**30:.2f} GiB/day extrapolated (the WAL file keeps its high-water size)")
    print(f"{'sensor polls written':<34} {written / window:8.1f} /s  (fleet rate at 1 poll/node/interval: {nodes / interval:.1f} /s)")
    print(f"{'sensor polls per node in window':<34} min {min(per_node):.0f}, median {statistics.median(per_node):.0f}, max {max(per_node):.0f} (expected ≈ {rounds:.1f})")
    print(f"{'event polls per node in window':<34} min {min(ev_per_node):.0f}, median {statistics.median(ev_per_node):.0f}, max {max(ev_per_node):.0f}")
    print(f"{'coverage: sensor poll in last 1.1 intervals':<34} {covered_last}/{nodes} nodes (interval + 10 % jitter)")
    print(f"{'poll errors in window':<34} sensors {err2.get('sensors', 0) - err0.get('sensors', 0):.0f}, events {err2.get('events', 0) - err0.get('events', 0):.0f}"
          f"; store write failures {scrapes['end']['write_failures'] - scrapes['start']['write_failures']:.0f}")

    hooks = []
    if os.path.exists(os.path.join(work, "hooks.jsonl")):
        hooks = [json.loads(l) for l in open(os.path.join(work, "hooks.jsonl"))]
    unsigned = sum(1 for h in hooks if not h["signed"])
    latencies = []
    print(f"alert latency, SEL event → webhook arrival (target ≤ interval + 1 s = {interval + 1:.0f} s):")
    for line in open(os.path.join(work, "injections")):
        number, offset = line.split()
        at = facts["t0"] + float(offset)
        firing = [h for h in hooks if h["transition"] == "firing" and h["node"] and node_number(h["node"]) == int(number)
                  and h["arrived"] >= at - 1]
        if firing:
            first = min(firing, key=lambda h: h["arrived"])
            latencies.append(first["arrived"] - at)
            raised = parse_time(first.get("first_seen"))
            split = f"(event → alert raised {raised - at:5.2f} s, raised → delivered {first['arrived'] - raised:4.2f} s)" if raised else ""
            print(f"  node {int(number):>6}: {first['arrived'] - at:6.2f} s {split}  rule {first['rule']}, {first['severity']}: {first['summary']}")
        else:
            print(f"  node {int(number):>6}: NO webhook")
    if latencies:
        met = sum(1 for x in latencies if x <= interval + 1)
        print(f"  min {min(latencies):.2f} s, median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s; "
              f"{met}/{len(latencies)} within target; {len(hooks)} deliveries received, {unsigned} with a bad signature")


def parse_time(text):
    """The alert's first_seen (service clock, ISO 8601) as Unix seconds, or None."""
    if not text:
        return None
    m = re.match(r"^(.*?T\d\d:\d\d:\d\d)(\.\d+)?(.*)$", text)
    if not m:
        return None
    stamp = datetime.datetime.fromisoformat(m.group(1) + (m.group(3).replace("Z", "+00:00") or "+00:00"))
    return stamp.timestamp() + float(m.group(2) or 0)


def node_number(name):
    m = re.search(r"(\d+)$", name)
    return int(m.group(1)) if m else -1


if __name__ == "__main__":
    main()
