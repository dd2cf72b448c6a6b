#!/usr/bin/python3
"""The scikit-learn/numpy peer of `btag bench evaluate`: what a Python user would write for the same outputs, on the
jets that `btag bench evaluate --save-data FILE` wrote (probabilities N x 6 float32, truth, pt, absEta), timed
against one roc_curve + auc of all N jets (BvsAll, b vs the rest), so that its own ratio can be set beside btag's.

    /usr/bin/python3 btag-examples/src/bench/python/bench_evaluate_sklearn.py FILE [--repeat 1]

The evaluation: the five discriminants; per comparison (b vs all, b vs c, b vs light+gluon, c vs light+gluon,
c vs b) roc_curve(drop_intermediate=False) + auc, working points at 10/1/0.1% mistag and 60/70/77/85% efficiency,
and per pT bin (20, 30, 40, 50, 60, 80, 100, 150, 200, 300 GeV, the last taking the overflow) and |eta| bin (0, 0.5,
1, 1.5, 2, 2.5) the AUC (roc_curve + auc on the bin's jets) and the efficiency and mistag at each working point; the
confusion matrix of the defined jets; calibration_curve (10 uniform bins) per class; and the BvsL efficiency maps
(np.histogram2d per flavour and working point). Not done here, unlike btag: DeLong errors, binomial intervals, the
thinned per-bin curves. Prints one JSON line: seconds and cpuSeconds (process CPU time) of the evaluation and of
the ROC + AUC, medians of the timed runs, loading excluded.
"""
import argparse
import json
import statistics
import time

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import auc, confusion_matrix, roc_curve

PT_EDGES = np.array([20, 30, 40, 50, 60, 80, 100, 150, 200, 300], dtype=float)
ETA_EDGES = np.array([0, 0.5, 1.0, 1.5, 2.0, 2.5])
MISTAGS = (0.1, 0.01, 0.001)
EFFICIENCIES = (0.6, 0.7, 0.77, 0.85)


def discriminants(p):
    p = p.astype(np.float64)
    b = p[:, 0] + p[:, 1] + p[:, 2]
    c = p[:, 3]
    light = p[:, 4] + p[:, 5]
    return {"BvsAll": b, "BvsC": b / (b + c), "BvsL": b / (b + light), "CvsL": c / (c + light), "CvsB": c / (c + b)}


COMPARISONS = (("BvsAll", (5,), None), ("BvsC", (5,), (4,)), ("BvsL", (5,), (1, 21)), ("CvsL", (4,), (1, 21)),
               ("CvsB", (4,), (5,)))


def working_points(fpr, tpr, thresholds):
    cuts = []
    for m in MISTAGS:  # the cut with the highest efficiency whose mistag does not exceed the target
        k = np.searchsorted(fpr, m, side="right") - 1
        cuts.append(thresholds[max(k, 0)])
    for e in EFFICIENCIES:  # the first cut reaching the efficiency
        k = min(np.searchsorted(tpr, e, side="left"), tpr.size - 1)
        cuts.append(thresholds[k])
    return cuts


def binned(values, edges, score, signal, cuts):
    index = np.digitize(values, edges) - 1
    index[values >= edges[-1]] = edges.size - 2  # the last bin takes the overflow
    out = []
    for b in range(edges.size - 1):
        m = index == b
        s, y = score[m], signal[m]
        row = {}
        if y.any() and (~y).any():
            f, t, _ = roc_curve(y, s, drop_intermediate=False)
            row["auc"] = auc(f, t)
        row["rates"] = [((s[y] >= c).mean() if y.any() else np.nan, (s[~y] >= c).mean() if (~y).any() else np.nan)
                        for c in cuts]
        out.append(row)
    return out


def evaluate(p, truth, pt, abseta):
    d = discriminants(p)
    result = {}
    for name, sig, bkg in COMPARISONS:
        keep = np.isin(truth, sig) | (truth != 0 if bkg is None else np.isin(truth, bkg))
        score, signal = d[name][keep], np.isin(truth[keep], sig)
        fpr, tpr, thresholds = roc_curve(signal, score, drop_intermediate=False)
        cuts = working_points(fpr, tpr, thresholds)
        result[name] = (auc(fpr, tpr), cuts, binned(pt[keep], PT_EDGES, score, signal, cuts),
                        binned(abseta[keep], ETA_EDGES, score, signal, cuts))
    onehot_class = np.where(truth == 5, 0, np.where(truth == 4, 3, np.where(truth == 1, 4, np.where(truth == 21, 5,
                                                                                                      -1))))
    defined = truth != 0
    confusion = confusion_matrix(onehot_class[defined], p[defined].argmax(axis=1), labels=range(6))
    calibration = [calibration_curve(onehot_class[defined] == k, p[defined, k], n_bins=10) for k in range(6)]
    maps = []
    x = np.minimum(pt, np.nextafter(PT_EDGES[-1], 0))  # the last bins take the overflow
    y = np.minimum(abseta, np.nextafter(ETA_EDGES[-1], 0))
    for cut in result["BvsL"][1]:
        passing = d["BvsL"] >= cut
        for flavour in ((5,), (4,), (1, 21)):
            f = np.isin(truth, flavour)
            total, _, _ = np.histogram2d(x[f], y[f], bins=(PT_EDGES, ETA_EDGES))
            passed, _, _ = np.histogram2d(x[f & passing], y[f & passing], bins=(PT_EDGES, ETA_EDGES))
            maps.append((passed, total))
    return result, confusion, calibration, maps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with np.load(args.file) as data:
        p, truth, pt, abseta = data["probabilities"], data["truth"], data["pt"], data["absEta"]
    b = p[:, 0].astype(np.float64) + p[:, 1] + p[:, 2]
    keep = truth != 0
    roc_t, roc_c, eval_t, eval_c = [], [], [], []
    for _ in range(args.repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        fpr, tpr, _ = roc_curve(truth[keep] == 5, b[keep], drop_intermediate=False)
        area = auc(fpr, tpr)
        roc_t.append(time.perf_counter() - t0)
        roc_c.append(time.process_time() - c0)
        c0, t0 = time.process_time(), time.perf_counter()
        result, _, _, _ = evaluate(p, truth, pt, abseta)
        eval_t.append(time.perf_counter() - t0)
        eval_c.append(time.process_time() - c0)
    roc_s, eval_s = statistics.median(roc_t), statistics.median(eval_t)
    print(json.dumps({"peer": "sklearn " + sklearn.__version__ + ", numpy " + np.__version__, "n": int(truth.size),
                      "rocSeconds": roc_s, "rocCpuSeconds": statistics.median(roc_c), "evaluateSeconds": eval_s,
                      "evaluateCpuSeconds": statistics.median(eval_c), "ratio": eval_s / roc_s,
                      "aucBvsAll": area, "aucBvsL": result["BvsL"][0]}))


if __name__ == "__main__":
    main()
