#!/usr/bin/python3
"""Peer figures for `btag bench dataset` (docs/performance.md): what a Python user does with the same file.

batches: numpy fancy-indexing of shuffled batches of the 15 tutorial features, the 10x21 tracks and the 6 labels,
         each turned into a torch tensor (torch.from_numpy), as a DataLoader-free training loop would.
write:   numpy.savez of the file's six arrays (the write half of `btag generate`).

Usage: /usr/bin/python3 btag-examples/src/bench/python/bench_data_numpy.py FILE.npz [--batch-size 512] [--epochs 5]
Prints one JSON document.
"""
import argparse
import json
import os
import tempfile
import time

import numpy as np

try:
    import torch
except ImportError:  # the peer still measures the numpy part
    torch = None

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--batch-size", type=int, default=512)
parser.add_argument("--epochs", type=int, default=5)
args = parser.parse_args()

t0 = time.perf_counter()
f = np.load(args.file)
a0 = f["arr_0"]
features = np.ascontiguousarray(a0[:, [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]])
labels = np.ascontiguousarray(a0[:, -9:-3])
tracks = f["arr_1"]
load = time.perf_counter() - t0
n = len(features)
rng = np.random.default_rng(1)


def epoch():
    order = rng.permutation(n)
    jets = 0
    for start in range(0, n, args.batch_size):
        idx = order[start:start + args.batch_size]
        batch = (features[idx], tracks[idx], labels[idx])
        if torch is not None:
            batch = tuple(torch.from_numpy(x) for x in batch)
        jets += len(idx)
    return jets


epoch()
t0 = time.perf_counter()
jets = sum(epoch() for _ in range(args.epochs))
batch_rate = jets / (time.perf_counter() - t0)

arrays = [f["arr_%d" % i] for i in range(6)]
with tempfile.TemporaryDirectory() as d:
    out = os.path.join(d, "copy.npz")
    t0 = time.perf_counter()
    np.savez(out, *arrays)
    write = time.perf_counter() - t0
    size = os.path.getsize(out)

print(json.dumps({"batches": {"jets": n, "batchSize": args.batch_size, "epochs": args.epochs,
                              "loadSeconds": load, "jetsPerSecond": round(batch_rate),
                              "torch": torch is not None},
                  "write": {"seconds": write, "bytes": size}}))
