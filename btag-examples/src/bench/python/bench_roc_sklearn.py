#!/usr/bin/python3
"""The scikit-learn peer of `btag bench roc`: times roc_curve + auc on the jets that
`btag bench roc --save-data FILE` wrote (scores float64, labels bool), so both sides use identical numbers.

    /usr/bin/python3 btag-examples/src/bench/python/bench_roc_sklearn.py FILE [--repeat 5] [--warmup 1]

Prints one JSON line per variant: drop_intermediate=False (the same curve btag computes) and scikit-learn's
default drop_intermediate=True; seconds (wall clock) and cpuSeconds (process CPU time, all threads) are medians of
the timed runs, loading excluded.
"""
import argparse
import json
import statistics
import time

import numpy as np
import sklearn
from sklearn.metrics import auc, roc_curve


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()
    with np.load(args.file) as data:
        scores = data["scores"]
        labels = data["labels"]
    for drop in (False, True):
        for _ in range(args.warmup):
            fpr, tpr, _ = roc_curve(labels, scores, drop_intermediate=drop)
            auc(fpr, tpr)
        times = []
        cpu_times = []
        for _ in range(args.repeat):
            cpu_start = time.process_time()
            start = time.perf_counter()
            fpr, tpr, _ = roc_curve(labels, scores, drop_intermediate=drop)
            area = auc(fpr, tpr)
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
        print(json.dumps({"peer": "sklearn " + sklearn.__version__, "drop_intermediate": drop, "n": int(scores.size),
                          "seconds": statistics.median(times), "cpuSeconds": statistics.median(cpu_times),
                          "auc": area, "points": int(fpr.size)}))


if __name__ == "__main__":
    main()
