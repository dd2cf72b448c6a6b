#!/usr/bin/python3
"""The numpy peer of `btag bench reweight`: the same DeepJet reweighting (pT x |eta| to the b class, weight of a
jet = H_b / H_class in its cell, jets outside the edges in the nearest edge bin, undefined jets weight 0) with
np.histogram2d per class, on the jets that `btag bench reweight --save-data FILE` wrote.

    /usr/bin/python3 btag-examples/src/bench/python/bench_reweight_numpy.py FILE [--repeat 5] [--warmup 1]

Prints one JSON line per variant: "histogram2d" (np.histogram2d per class, then np.digitize for the look-up, as a
user would write it) and "bincount" (np.digitize once, then np.bincount per class: the fastest plain-numpy form
found); seconds (wall clock) and cpuSeconds (process CPU time) are medians of the timed runs, loading excluded.
"""
import argparse
import json
import statistics
import time

import numpy as np

PT_EDGES = np.array([10, 25, 30, 35, 40, 45, 50, 60, 75, 100, 125, 150, 175, 200, 250, 300, 400, 500, 600, 2000],
                    dtype=np.float64)
ETA_EDGES = np.array([0, 0.5, 1, 1.5, 2, 2.5], dtype=np.float64)
CLASSES = 6


def bins(values, edges):
    """Bin index with values outside the edges in the nearest edge bin."""
    return np.clip(np.digitize(values, edges) - 1, 0, edges.size - 2)


def reweight_histogram2d(pt, eta, classes):
    ptc = np.clip(pt, PT_EDGES[0], np.nextafter(PT_EDGES[-1], 0))
    etac = np.clip(eta, ETA_EDGES[0], np.nextafter(ETA_EDGES[-1], 0))
    hists = [np.histogram2d(ptc[classes == c], etac[classes == c], bins=(PT_EDGES, ETA_EDGES))[0]
             for c in range(CLASSES)]
    cell = bins(pt, PT_EDGES) * (ETA_EDGES.size - 1) + bins(eta, ETA_EDGES)
    weights = np.zeros(pt.size, dtype=np.float32)
    for c in range(CLASSES):
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.where(hists[c] > 0, hists[0] / hists[c], 0).ravel()
        mask = classes == c
        weights[mask] = factor[cell[mask]]
    return weights


def reweight_bincount(pt, eta, classes):
    cells = (PT_EDGES.size - 1) * (ETA_EDGES.size - 1)
    cell = bins(pt, PT_EDGES) * (ETA_EDGES.size - 1) + bins(eta, ETA_EDGES)
    labelled = classes >= 0
    key = np.where(labelled, classes * cells + cell, 0)
    hist = np.bincount(key[labelled], minlength=CLASSES * cells).reshape(CLASSES, cells).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(hist > 0, hist[0] / hist, 0).ravel()
    return np.where(labelled, factor[key], 0).astype(np.float32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()
    with np.load(args.file) as data:
        pt = data["pt"]
        eta = data["abseta"]
        classes = data["classes"]
    for name, fn in (("histogram2d", reweight_histogram2d), ("bincount", reweight_bincount)):
        for _ in range(args.warmup):
            fn(pt, eta, classes)
        times = []
        cpu_times = []
        for _ in range(args.repeat):
            cpu_start = time.process_time()
            start = time.perf_counter()
            w = fn(pt, eta, classes)
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
        print(json.dumps({"peer": "numpy " + np.__version__, "variant": name, "n": int(pt.size),
                          "seconds": statistics.median(times), "cpuSeconds": statistics.median(cpu_times),
                          "weightSum": float(w.astype(np.float64).sum())}))


if __name__ == "__main__":
    main()
