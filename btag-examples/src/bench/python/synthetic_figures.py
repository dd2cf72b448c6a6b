#!/usr/bin/env python3
"""The synthetic sample's acceptance figures (docs/synthetic.md, "Measured figures").

Reads a train and a test file of the tutorial layout (``btag generate --out DIR``) and prints one JSON document:

* the largest ΔR of any charged (arr_3 trackDeltaR) or neutral (arr_2 Npfcan_deltaR + 0.6) candidate from the jet
  axis, per flavour;
* the TCHE-like cut "second-highest charged-candidate trackSip3dSig > 3.3": b, c and light+gluon efficiencies;
* among jets with a vertex, the leading vertex's sv_mass: b above 2 GeV, c above 2 GeV, light in the K0s window
  0.45-0.55 GeV; the median flight (sv_d3d) of the leading vertex of b and c jets; per flavour the vertex categories
  and mean candidate counts;
* gradient-boosted-tree probes (scikit-learn HistGradientBoostingClassifier, trained on the train file, evaluated on
  the test file): b efficiency at 1% light+gluon mistag for the 15 features plus summaries of arr_2-arr_4, and for the
  15 features plus arr_1; b-vs-c AUC without and with the vertices (arr_4).

Only numpy and scikit-learn (Debian: python3-numpy python3-sklearn); a measurement tool, not a dependency of btag.

    python3 btag-examples/src/bench/python/synthetic_figures.py TRAIN.npz TEST.npz
"""
import json
import sys

import numpy as np

FEATURES = [0, 1, 2, 3, 4, 5] + list(range(7, 16))
B, C, LIGHT, GLUON = 5, 4, 1, 21


def load(path):
    with np.load(path) as f:
        return {k: f[k] for k in ("arr_0", "arr_1", "arr_2", "arr_3", "arr_4")}


def flavour_masks(truth):
    return {"b": truth == B, "c": truth == C, "light+gluon": (truth == LIGHT) | (truth == GLUON)}


def filled(arr, counts):
    """Mask of the filled candidate rows: the first min(count, capacity) rows of each jet."""
    cap = arr.shape[1]
    return np.arange(cap)[None, :] < np.minimum(counts, cap)[:, None]


def cone(d):
    jets = d["arr_0"]
    truth = jets[:, 50].astype(int)
    out = {}
    charged = np.where(filled(d["arr_3"], jets[:, 2]), d["arr_3"][:, :, 3], 0.0)
    neutral = np.where(filled(d["arr_2"], jets[:, 3]), d["arr_2"][:, :, 1] + 0.6, 0.0)
    for name, mask in flavour_masks(truth).items():
        out[name] = {
            "maxChargedDeltaR": round(float(charged[mask].max()), 4),
            "maxNeutralDeltaR": round(float(neutral[mask].max()), 4),
            "jetsWithCandidateBeyond0p4": int(((charged[mask] > 0.4).any(axis=1)
                                               | (neutral[mask] > 0.4).any(axis=1)).sum()),
        }
    return out


def second_track(d, cut=3.3):
    jets = d["arr_0"]
    truth = jets[:, 50].astype(int)
    sig = np.where(filled(d["arr_3"], jets[:, 2]), d["arr_3"][:, :, 8], -np.inf)
    second = -np.sort(-sig, axis=1)[:, 1]
    return {name: round(float((second[mask] > cut).mean()), 4) for name, mask in flavour_masks(truth).items()}


def vertex_mass(d):
    jets = d["arr_0"]
    truth = jets[:, 50].astype(int)
    has = jets[:, 4] > 0
    mass = d["arr_4"][:, 0, 2]
    out = {}
    for name, mask in flavour_masks(truth).items():
        m = mass[mask & has]
        out[name] = {
            "jetsWithVertex": round(float(has[mask].mean()), 4),
            "massAbove2GeV": round(float((m > 2).mean()), 4),
            "massInK0sWindow": round(float(((m > 0.45) & (m < 0.55)).mean()), 4),
            "medianMass": round(float(np.median(m)), 3),
        }
    return out


def vertex_flight(d):
    """Median 3D flight (sv_d3d, cm) of the leading vertex of b and c jets, and the c/b ratio."""
    jets = d["arr_0"]
    truth = jets[:, 50].astype(int)
    has = jets[:, 4] > 0
    flight = d["arr_4"][:, 0, 8]
    b = float(np.median(flight[(truth == B) & has]))
    c = float(np.median(flight[(truth == C) & has]))
    return {"medianB": round(b, 4), "medianC": round(c, 4), "ratioCoverB": round(c / b, 3)}


def jet_summary(d):
    """Per flavour: vertex-category fractions (0 vertex, 1 pseudo-vertex, 2 none) and mean candidate counts."""
    jets = d["arr_0"]
    truth = jets[:, 50].astype(int)
    out = {}
    for name, mask in flavour_masks(truth).items():
        cat = jets[mask, 9]
        out[name] = {"vertexCategory": [round(float((cat == k).mean()), 3) for k in (0, 1, 2)],
                     "meanCharged": round(float(jets[mask, 2].mean()), 2),
                     "meanNeutral": round(float(jets[mask, 3].mean()), 2),
                     "medianJetPt": round(float(np.median(jets[mask, 0])), 1)}
    return out


def summaries(d, cpf_rows=8, npf_rows=4, sv_rows=2, vertices=True):
    jets = d["arr_0"]
    parts = [jets[:, FEATURES], d["arr_3"][:, :cpf_rows, :].reshape(len(jets), -1),
             d["arr_2"][:, :npf_rows, :].reshape(len(jets), -1)]
    if vertices:
        parts.append(d["arr_4"][:, :sv_rows, :].reshape(len(jets), -1))
    return np.concatenate(parts, axis=1)


def with_tracks(d):
    jets = d["arr_0"]
    return np.concatenate([jets[:, FEATURES], d["arr_1"].reshape(len(jets), -1)], axis=1)


def efficiency_at_mistag(scores, signal, target=0.01):
    from sklearn.metrics import roc_curve
    fpr, tpr, _ = roc_curve(signal, scores)
    return float(np.interp(target, fpr, tpr))


def probe(train, test, inputs, signal_code, background_codes, seed=1):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import roc_auc_score
    ytr = train["arr_0"][:, 50].astype(int)
    yte = test["arr_0"][:, 50].astype(int)
    sel_tr = np.isin(ytr, [signal_code] + background_codes)
    sel_te = np.isin(yte, [signal_code] + background_codes)
    model = HistGradientBoostingClassifier(max_iter=400, learning_rate=0.08, max_leaf_nodes=31,
                                           early_stopping=True, validation_fraction=0.2, random_state=seed)
    model.fit(inputs(train)[sel_tr], ytr[sel_tr] == signal_code)
    scores = model.predict_proba(inputs(test)[sel_te])[:, 1]
    signal = yte[sel_te] == signal_code
    return {"auc": round(float(roc_auc_score(signal, scores)), 4),
            "efficiencyAt1PercentMistag": round(efficiency_at_mistag(scores, signal), 4)}


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    train, test = load(argv[1]), load(argv[2])
    figures = {
        "jets": int(len(test["arr_0"])),
        "cone": cone(test),
        "secondTrackSip3dSigAbove3p3": second_track(test),
        "leadingVertexMass": vertex_mass(test),
        "leadingVertexFlight": vertex_flight(test),
        "jetSummary": jet_summary(test),
        "gbtBvsLight": {
            "features15_plus_arr2_arr3_arr4": probe(train, test, summaries, B, [LIGHT, GLUON]),
            "features15_plus_arr1": probe(train, test, with_tracks, B, [LIGHT, GLUON]),
        },
        "gbtBvsC": {
            "features15_plus_arr2_arr3": probe(train, test, lambda d: summaries(d, vertices=False), B, [C]),
            "features15_plus_arr2_arr3_arr4": probe(train, test, summaries, B, [C]),
        },
    }
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
