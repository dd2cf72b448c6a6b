#!/usr/bin/python3
"""The PyTorch-in-Python peer of `btag scan` (docs/performance.md).

The same depth x width scan of a tagger's dense head (the head: `width` units repeated `depth` times, ReLU, dropout
0.1; the rest of the tagger as in torch_taggers.py) on the same files: the 15 features of arr_0 (columns 0-5, 7-15,
standardised with the training rows' mean and standard deviation), the 10 x 21 tracks of arr_1 for the track
taggers, the six one-hot classes (columns 43-48; undefined jets' all-zero rows add no loss), the last 30% of the
training file validating, Adam at 1e-3, shuffled batches, the best validation loss over the epochs, and the AUC of
BvsL = B / (B + p_uds + p_g) for b (truth 5) against light and gluon jets (truth 1 and 21) on the test file with
scikit-learn. Points run in a pool of --workers processes with --threads intra-op threads each. No early stopping,
learning-rate plateau, checkpoints or plots (btag writes all of those per point). CPU only.

    /usr/bin/python3 btag-examples/src/bench/python/scan_torch.py TRAIN.npz TEST.npz --model dnn \
        --depths 1,2 --widths 16,64 [--epochs 3] [--seeds 1] [--seed 42] [--batch-size 512] [--workers 1] [--threads 1]

Prints one JSON document: the settings, "seconds" (wall-clock of the whole scan, reading included) and one entry per
point (depth, width, seed, parameters, bestValidationLoss, auc, trainingSeconds). Needs Debian's python3-torch,
python3-numpy and python3-sklearn.
"""
import argparse
import json
import multiprocessing
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
from sklearn.metrics import roc_auc_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_taggers import TAGGERS, head  # noqa: E402

FEATURE_COLUMNS = [0, 1, 2, 3, 4, 5] + list(range(7, 16))
SETTINGS = {}


def load(path):
    with np.load(path) as f:
        table = f["arr_0"].astype(np.float32)
        tracks = f["arr_1"].astype(np.float32)
    return table[:, FEATURE_COLUMNS], tracks, table[:, 43:49], table[:, 50]


def init(args):
    torch.set_num_threads(args.threads)
    features, tracks, labels, _ = load(args.train)
    n_train = len(features) - int(round(len(features) * 0.3))
    mean = features[:n_train].mean(0)
    std = features[:n_train].std(0)
    std[std == 0] = 1
    test_features, test_tracks, _, truth = load(args.test)
    SETTINGS.update(args=args, n_train=n_train, mean=mean, std=std,
                    features=torch.from_numpy((features - mean) / std), tracks=torch.from_numpy(tracks),
                    labels=torch.from_numpy(labels),
                    test_features=torch.from_numpy((test_features - mean) / std),
                    test_tracks=torch.from_numpy(test_tracks), truth=truth)


def loss_of(logits, labels):
    return -(labels * torch.log_softmax(logits, 1)).sum(1).mean()


def train_point(point):
    depth, width, seed = point
    s = SETTINGS
    args = s["args"]
    start = time.perf_counter()
    torch.manual_seed(seed)
    model = TAGGERS[args.model]()
    model.head = head(model.head[0].in_features, [width] * depth, 0.1)
    optimiser = torch.optim.Adam(model.parameters(), 1e-3)
    n = s["n_train"]
    f, t, y = s["features"], s["tracks"], s["labels"]
    best = float("inf")
    for _ in range(args.epochs):
        model.train()
        order = torch.randperm(n)
        for b in range(0, n, args.batch_size):
            idx = order[b:b + args.batch_size]
            optimiser.zero_grad()
            loss = loss_of(model(f[idx], t[idx]), y[idx])
            loss.backward()
            optimiser.step()
        model.eval()
        with torch.no_grad():
            best = min(best, float(loss_of(model(f[n:], t[n:]), y[n:])))
    seconds = time.perf_counter() - start
    with torch.no_grad():
        p = torch.softmax(model(s["test_features"], s["test_tracks"]), 1).numpy()
    b = p[:, 0] + p[:, 1] + p[:, 2]
    bvsl = b / (b + p[:, 4] + p[:, 5])
    keep = np.isin(s["truth"], [5, 1, 21])
    auc = roc_auc_score(s["truth"][keep] == 5, bvsl[keep])
    parameters = sum(q.numel() for q in model.parameters() if q.requires_grad)
    return {"depth": depth, "width": width, "seed": seed, "parameters": parameters, "bestValidationLoss": best,
            "auc": auc, "trainingSeconds": seconds}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train")
    parser.add_argument("test")
    parser.add_argument("--model", default="dnn", choices=sorted(TAGGERS))
    parser.add_argument("--depths", default="1,2")
    parser.add_argument("--widths", default="16,64")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--batch-size", type=int, default=512)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    points = [(d, w, args.seed + k) for d in map(int, args.depths.split(",")) for w in map(int, args.widths.split(","))
              for k in range(args.seeds)]
    start = time.perf_counter()
    if args.workers == 1:
        init(args)
        results = [train_point(p) for p in points]
    else:
        with multiprocessing.get_context("fork").Pool(args.workers, init, (args,)) as pool:
            results = pool.map(train_point, points, chunksize=1)
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": "torch " + torch.__version__, "model": args.model, "epochs": args.epochs,
                      "batchSize": args.batch_size, "workers": args.workers, "threads": args.threads,
                      "seconds": round(seconds, 2), "points": results}))


if __name__ == "__main__":
    main()
