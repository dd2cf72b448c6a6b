#!/usr/bin/python3
"""The PyTorch-in-Python peer of `btag bench train --model deepjet` (docs/performance.md).

btag's DeepJet-style tagger written in PyTorch with the same layers and the same masking: the 15 features
batch-normalised; per collection (charged 25 x 16, neutral 25 x 6, vertices 4 x 12) 1x1 convolutions (charged and
vertices 64, 32, 32, 8; neutral 32, 16, 4; ReLU, dropout 0.1 after all but the last) and an LSTM (150, 50, 50) over
the objects after moving the real ones (not all variables zero) to the front, its output taken after the last real
object; the three summaries and the features into Dense 200 and seven Dense 100 (ReLU, dropout 0.1), then six
classes. The workload is `btag bench train`'s: N random normal jets with random classes, Adam at 1e-3, shuffled
batches, one warm-up epoch, then timed epochs; inference after one warm-up batch, three timed passes in batches of
--predict-batch-size with torch.softmax under torch.no_grad(). CPU only.

    /usr/bin/python3 btag-examples/src/bench/python/torch_deepjet.py [N_JETS [BATCH [THREADS]]]
        [--epochs 2] [--predict-batch-size 1024]

Defaults: 20000 jets, batch 512, 1 intra-op thread. Prints one JSON line with the keys of `btag bench train` (model,
parameters, jets, batchSize, trainJetsPerSecond, predictJetsPerSecond) and the peer's settings; "parameters" counts
the trainable parameters only (btag's "parameters" also counts BatchNorm's 30 running statistics). Needs Debian's
python3-torch (1.13) or any later PyTorch.
"""
import argparse
import json

import torch
import torch.nn as nn

from torch_taggers import measure  # (the timing loop shared with the tutorial taggers' peer)

FEATURES = 15
CLASSES = 6
# name: (objects, variables, convolutions, LSTM units), as btag's ObjectBranch.deepJet on the tutorial layout
BRANCHES = {
    "charged": (25, 16, [64, 32, 32, 8], 150),
    "neutral": (25, 6, [32, 16, 4], 50),
    "vertices": (4, 12, [64, 32, 32, 8], 50),
}
HEAD = [200] + [100] * 7


class Branch(nn.Module):
    """1x1 convolutions (dense layers per object), then an LSTM over the objects with the padding masked."""

    def __init__(self, variables, filters, units, dropout):
        super().__init__()
        layers = []
        inputs = variables
        for i, width in enumerate(filters):
            layers += [nn.Linear(inputs, width), nn.ReLU()]
            if i < len(filters) - 1:
                layers.append(nn.Dropout(dropout))
            inputs = width
        self.conv = nn.Sequential(*layers)
        self.lstm = nn.LSTM(inputs, units, batch_first=True)

    def forward(self, objects):
        real = (objects.abs().sum(2) > 0).float()                              # (B, O)
        position = -torch.arange(objects.shape[1], dtype=objects.dtype).unsqueeze(0)
        key = position * real + (real - 1) * 1e30                              # real first, stored order
        order = key.argsort(1, descending=True).unsqueeze(2).expand(-1, -1, objects.shape[2])
        output, _ = self.lstm(self.conv(objects.gather(1, order)))
        count = real.sum(1)
        last = (count - 1).clamp(min=0).long().view(-1, 1, 1).expand(-1, 1, output.shape[2])
        return output.gather(1, last).squeeze(1) * (count > 0).float().unsqueeze(1)


class DeepJet(nn.Module):
    def __init__(self, dropout=0.1):
        super().__init__()
        self.norm = nn.BatchNorm1d(FEATURES, momentum=0.01, eps=1e-3)
        self.branches = nn.ModuleList(Branch(v, f, u, dropout) for (_, v, f, u) in BRANCHES.values())
        layers = []
        inputs = FEATURES + sum(u for (_, _, _, u) in BRANCHES.values())
        for width in HEAD:
            layers += [nn.Linear(inputs, width), nn.ReLU(), nn.Dropout(dropout)]
            inputs = width
        self.head = nn.Sequential(*layers, nn.Linear(inputs, CLASSES))

    def forward(self, features, *collections):
        summaries = [branch(c) for branch, c in zip(self.branches, collections)]
        return self.head(torch.cat([self.norm(features)] + summaries, 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jets", nargs="?", type=int, default=20000, help="jets per epoch (default 20000)")
    parser.add_argument("batch_size", nargs="?", type=int, default=512, help="training batch (default 512)")
    parser.add_argument("threads", nargs="?", type=int, default=1, help="intra-op threads (default 1)")
    parser.add_argument("--epochs", type=int, default=2, help="timed epochs after one warm-up epoch (default 2)")
    parser.add_argument("--predict-batch-size", type=int, default=1024, help="inference batch (default 1024)")
    args = parser.parse_args()
    for value, what in ((args.jets, "jets"), (args.batch_size, "batch size"), (args.threads, "threads"),
                        (args.epochs, "epochs"), (args.predict_batch_size, "predict batch size")):
        if value < 1:
            parser.error(f"{what} must be at least 1, got {value}")
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    features = torch.randn(args.jets, FEATURES)
    collections = [torch.randn(args.jets, o, v) for (o, v, _, _) in BRANCHES.values()]
    labels = torch.randint(0, CLASSES, (args.jets,))
    print(json.dumps(measure("deepjet", DeepJet(), [features] + collections, labels, args)), flush=True)


if __name__ == "__main__":
    main()
