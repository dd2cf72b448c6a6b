#!/usr/bin/python3
"""Paired bootstrap of the AUC difference of two taggers evaluated on the same test jets (docs/models.md).

    /usr/bin/python3 btag-examples/src/bench/python/paired_auc.py A/predictions.npz B/predictions.npz [C D ...]

Reads two `btag evaluate` predictions.npz files per pair (same test file, so `truth` must agree) and prints, for b vs c
(discriminant BvsC, truth 5 vs 4) and b vs light+gluon (BvsL, 5 vs 1 and 21), AUC(A) - AUC(B) with scikit-learn's
roc_auc_score and the standard deviation of that difference over 300 bootstrap resamples of the jets (seed 0). The
two AUCs are computed on the same resampled jets, so their correlation is kept: the spread of the difference is much
smaller than either AUC's own error. Needs Debian's python3-numpy and python3-sklearn.
"""
import sys

import numpy as np
from sklearn.metrics import roc_auc_score

COMPARISONS = (("BvsC", [5], [4]), ("BvsL", [5], [1, 21]))


def main():
    paths = sys.argv[1:]
    if len(paths) < 2 or len(paths) % 2:
        sys.exit(__doc__)
    rng = np.random.default_rng(0)
    for first, second in zip(paths[::2], paths[1::2]):
        a, b = np.load(first), np.load(second)
        if not (a["truth"] == b["truth"]).all():
            sys.exit(f"{first} and {second}: different test jets (truth differs)")
        for name, signal, background in COMPARISONS:
            selected = np.isin(a["truth"], signal + background)
            y = np.isin(a["truth"][selected], signal).astype(int)
            sa, sb = a[name][selected], b[name][selected]
            diff = roc_auc_score(y, sa) - roc_auc_score(y, sb)
            spread = []
            for _ in range(300):
                i = rng.integers(0, len(y), len(y))
                spread.append(roc_auc_score(y[i], sa[i]) - roc_auc_score(y[i], sb[i]))
            print(f"{first} - {second} {name}: {diff:+.4f} +- {np.std(spread):.4f}")


if __name__ == "__main__":
    main()
