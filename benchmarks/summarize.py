#!/usr/bin/env python3
"""Summarises a JMH JSON result file (run.sh -rf json -rff FILE): mean, median and min of the measured
iterations per benchmark, and the gc.alloc.rate.norm when -prof gc was on. The median and min are given
because this machine is shared: other work inflates some iterations, not all."""
import json
import statistics
import sys

for path in sys.argv[1:]:
    with open(path) as f:
        results = json.load(f)
    print(f"| benchmark | mean ns/op | median | min | B/op |  ({path})")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        name = name[-2] + "." + name[-1]
        raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        alloc = "" if alloc is None else f"{alloc:.0f}"
        print(f"| {name} | {r['primaryMetric']['score']:.1f} | {statistics.median(raw):.1f} | {min(raw):.1f} | {alloc} |")
