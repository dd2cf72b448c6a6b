#!/usr/bin/python3
"""Generates the scikit-learn (and scipy) reference values that btag-metrics' tests compare with.

Run once from the repository root with Debian's interpreter (python3-sklearn 1.2, python3-numpy 1.24):

    /usr/bin/python3 btag-metrics/src/test/python/sklearn_reference.py

It rewrites btag-metrics/src/test/resources/dev/btag/metrics/sklearn_reference.json. Every case holds its inputs
(scores, labels, optional weights) and sklearn's outputs, so the Java tests need nothing but the JSON file.
Floats are written with Python's repr, which round-trips exactly.
"""
import json
import pathlib

import numpy as np
import scipy
import sklearn
from sklearn.metrics import auc, confusion_matrix, roc_auc_score, roc_curve

OUT = pathlib.Path("btag-metrics/src/test/resources/dev/btag/metrics")


def roc_case(name, scores, labels, weights=None):
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    fpr, tpr, thr = roc_curve(labels, scores, sample_weight=weights, drop_intermediate=False)
    fpr_d, tpr_d, _ = roc_curve(labels, scores, sample_weight=weights, drop_intermediate=True)
    case = {
        "name": name,
        "scores": scores.tolist(),
        "labels": labels.tolist(),
        "fpr": fpr.tolist(),
        "tpr": tpr.tolist(),
        # sklearn 1.2 puts max(score) + 1 first; the Java side puts +Infinity there, so the first entry is left out.
        "thresholds": thr[1:].tolist(),
        "auc": float(auc(fpr, tpr)),
        "rocAucScore": float(roc_auc_score(labels, scores, sample_weight=weights)),
        "dropIntermediatePoints": len(fpr_d),
    }
    if weights is not None:
        case["weights"] = np.asarray(weights, dtype=np.float64).tolist()
    return case


def confusion_case(name, true, pred, n_classes):
    labels = list(range(n_classes))
    case = {"name": name, "true": list(map(int, true)), "pred": list(map(int, pred)), "classes": n_classes}
    case["counts"] = confusion_matrix(true, pred, labels=labels).tolist()
    for norm in ("true", "pred", "all"):
        with np.errstate(invalid="ignore", divide="ignore"):
            m = confusion_matrix(true, pred, labels=labels, normalize=norm)
        case["normalized_" + norm] = np.nan_to_num(m, nan=0.0).tolist()
    return case


def main():
    rng = np.random.default_rng(20261122)
    roc = []
    roc.append(roc_case("hand-made with ties", [0.1, 0.4, 0.35, 0.8, 0.4, 0.1, 0.9, 0.35],
                        [0, 0, 1, 1, 1, 1, 1, 0]))
    roc.append(roc_case("signed zeros and negatives", [-0.0, 0.0, -1.5, 2.0, 0.0, -1.5, 3.0, -0.0],
                        [1, 0, 0, 1, 1, 0, 0, 1]))
    n = 300
    labels = rng.integers(0, 2, n)
    roc.append(roc_case("gaussian, rounded to 1 decimal (many ties)",
                        np.round(rng.normal(labels * 1.0, 1.0), 1), labels))
    n = 2000
    labels = (rng.random(n) < 0.3).astype(np.int64)
    roc.append(roc_case("gaussian, continuous", rng.normal(labels * 1.5, 1.0), labels))
    n = 500
    labels = rng.integers(0, 2, n)
    scores = np.round(rng.normal(labels * 0.8, 1.0), 2)
    weights = rng.exponential(1.0, n)
    roc.append(roc_case("weighted, rounded to 2 decimals", scores, labels, weights))
    n = 400
    labels = rng.integers(0, 2, n)
    scores = rng.integers(0, 10, n).astype(np.float64)
    weights = rng.integers(0, 4, n).astype(np.float64)
    roc.append(roc_case("integer weights including zero, 10 distinct scores", scores, labels, weights))
    n = 1000
    labels = (rng.random(n) < 0.2).astype(np.int64)
    logits = rng.normal(labels * 2.0, 1.0)
    scores = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32).astype(np.float64)
    roc.append(roc_case("float32 sigmoid outputs", scores, labels))

    confusion = []
    true = rng.integers(0, 6, 300)
    pred = np.where(rng.random(300) < 0.6, true, rng.integers(0, 6, 300))
    confusion.append(confusion_case("six classes", true, pred, 6))
    true = rng.integers(0, 4, 50)
    pred = rng.integers(0, 3, 50)  # class 3 is never predicted: its column is zero, its pred-normalised column 0
    confusion.append(confusion_case("four classes, one never predicted", true, pred, 4))

    # Clopper-Pearson intervals from scipy's Beta quantiles (the definition), at 68.27% and 95%
    from scipy.stats import beta
    clopper = []
    for k, n in [(0, 10), (1, 10), (5, 10), (10, 10), (3, 7), (0, 1), (1, 1), (17, 400), (399, 400), (2.5, 6.25)]:
        for cl in (0.6826894921370859, 0.95):
            a = 1 - cl
            lower = 0.0 if k == 0 else float(beta.ppf(a / 2, k, n - k + 1))
            upper = 1.0 if k == n else float(beta.ppf(1 - a / 2, k + 1, n - k))
            clopper.append({"passed": k, "total": n, "level": cl, "lower": lower, "upper": upper})

    document = {
        "generator": "btag-metrics/src/test/python/sklearn_reference.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "roc": roc,
        "confusion": confusion,
        "clopperPearson": clopper,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "sklearn_reference.json"
    path.write_text(json.dumps(document) + "\n")
    print("wrote", path, "roc cases:", len(roc), "confusion cases:", len(confusion))


if __name__ == "__main__":
    main()
