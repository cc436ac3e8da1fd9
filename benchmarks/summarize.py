#!/usr/bin/env python3
"""Summarises JMH JSON result files (run.sh ... -rf json -rff FILE): per benchmark the mean, median and
minimum of the measured iterations (wall time, ns/op), and when the profilers were on, the median CPU time per
op (-prof io.github.coro4j.benchmarks.CpuTimeProfiler: whole process, and the benchmark thread alone) and the
allocation per op (-prof gc). The median, the minimum and the CPU time are given because this machine is
shared: other work inflates the wall time of some iterations, not all."""
import json
import statistics
import sys


def med(metric):
    if metric is None:
        return ""
    raw = [x for fork in metric.get("rawData", [[metric["score"]]]) for x in fork]
    return f"{statistics.median(raw):.1f}"


for path in sys.argv[1:]:
    with open(path) as f:
        results = json.load(f)
    print(f"({path})")
    print("| benchmark | wall mean | wall median | wall min | CPU, process | CPU, bench thread | B/op |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        name = name[-2] + "." + name[-1]
        pm = r["primaryMetric"]
        raw = [x for fork in pm["rawData"] for x in fork]
        sec = r.get("secondaryMetrics", {})
        alloc = sec.get("gc.alloc.rate.norm")
        alloc = "" if alloc is None else f"{alloc['score']:.0f}"
        print(f"| {name} | {pm['score']:.1f} | {statistics.median(raw):.1f} | {min(raw):.1f} "
              f"| {med(sec.get('cpu.process'))} | {med(sec.get('cpu.benchmarkThread'))} | {alloc} |")
