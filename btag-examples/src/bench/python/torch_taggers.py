#!/usr/bin/python3
"""The PyTorch-in-Python peer of `btag bench train` and `btag bench predict` (docs/performance.md).

The tutorial's four taggers written in PyTorch with the shapes of the Keras notebooks (the DNN on 15 features; the
1x1-CNN, LSTM and GRU on 15 features + 10 x 21 tracks; the same dense heads, dropout 0.1, six classes), trained and
run on the same workload as `btag bench train`: N random normal jets with random classes, Adam at 1e-3, shuffled
batches, one warm-up epoch, then timed epochs; inference after one warm-up batch, three timed passes in batches of
--predict-batch-size with torch.softmax under torch.no_grad(). CPU only.

    /usr/bin/python3 btag-examples/src/bench/python/torch_taggers.py [N_JETS [BATCH [THREADS]]]
        [--epochs 3] [--predict-batch-size 4096] [--models dnn,cnn1x1,lstm,gru]

Defaults: 20000 jets, batch 512, 2 intra-op threads. Prints one JSON line per tagger with the keys of
`btag bench train` (model, parameters, jets, batchSize, trainJetsPerSecond, predictJetsPerSecond) and the peer's
settings. "parameters" counts the trainable parameters only, so the DNN shows 2,336 (BatchNorm's running mean and
variance are not counted). Needs Debian's python3-torch (1.13) or any later PyTorch.
"""
import argparse
import json
import time

import torch
import torch.nn as nn

FEATURES = 15
TRACKS = 10
TRACK_VARIABLES = 21
CLASSES = 6
TRACK_HEAD = [200, 100, 100, 100, 100, 100]


def head(inputs, widths, dropout):
    """Dense layers with ReLU and dropout, then the six-class output (logits)."""
    layers = []
    for width in widths:
        layers += [nn.Linear(inputs, width), nn.ReLU(), nn.Dropout(dropout)]
        inputs = width
    return nn.Sequential(*layers, nn.Linear(inputs, CLASSES))


class DNN(nn.Module):
    """Notebook 3: BatchNorm, then Dense 30, 30, 20, 10, then 6."""

    def __init__(self, dropout=0.1):
        super().__init__()
        self.norm = nn.BatchNorm1d(FEATURES)
        self.head = head(FEATURES, [30, 30, 20, 10], dropout)

    def forward(self, features, tracks):
        return self.head(self.norm(features))


class CNN1x1(nn.Module):
    """Notebook 4: 1x1 convolutions 64, 32, 32, 8 over the tracks, flattened (80) and joined to the features."""

    def __init__(self, dropout=0.1):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(TRACK_VARIABLES, 64, 1), nn.ReLU(), nn.Dropout(dropout),
            nn.Conv1d(64, 32, 1), nn.ReLU(), nn.Dropout(dropout),
            nn.Conv1d(32, 32, 1), nn.ReLU(), nn.Dropout(dropout),
            nn.Conv1d(32, 8, 1), nn.ReLU())
        self.head = head(FEATURES + TRACKS * 8, TRACK_HEAD, dropout)

    def forward(self, features, tracks):
        x = self.conv(tracks.transpose(1, 2)).transpose(1, 2).flatten(1)
        return self.head(torch.cat([features, x], 1))


class Recurrent(nn.Module):
    """Notebook 5 (LSTM) and the lecture's GRU: 64 units over the tracks, the last output joined to the features."""

    def __init__(self, cell, dropout=0.1):
        super().__init__()
        self.cell = cell(TRACK_VARIABLES, 64, batch_first=True)
        self.head = head(FEATURES + 64, TRACK_HEAD, dropout)

    def forward(self, features, tracks):
        output, _ = self.cell(tracks)
        return self.head(torch.cat([features, output[:, -1]], 1))


TAGGERS = {
    "dnn": DNN,
    "cnn1x1": CNN1x1,
    "lstm": lambda: Recurrent(nn.LSTM),
    "gru": lambda: Recurrent(nn.GRU),
}


def measure(name, model, inputs, labels, args):
    """Training and inference jets per second of one tagger; inputs: the tensors the model takes, jets first."""
    n = len(labels)
    parameters = sum(p.numel() for p in model.parameters() if p.requires_grad)
    optimiser = torch.optim.Adam(model.parameters(), 1e-3)
    loss_function = nn.CrossEntropyLoss()

    def rows(selection):
        return [x[selection] for x in inputs]

    def epoch():
        model.train()
        order = torch.randperm(n)
        for start in range(0, n, args.batch_size):
            idx = order[start:start + args.batch_size]
            optimiser.zero_grad()
            loss = loss_function(model(*rows(idx)), labels[idx])
            loss.backward()
            optimiser.step()

    epoch()  # warm-up
    start = time.perf_counter()
    for _ in range(args.epochs):
        epoch()
    train = n * args.epochs / (time.perf_counter() - start)

    model.eval()
    passes = 3
    b = args.predict_batch_size
    with torch.no_grad():
        model(*rows(slice(0, args.batch_size)))  # warm-up
        start = time.perf_counter()
        for _ in range(passes):
            for i in range(0, n, b):
                torch.softmax(model(*rows(slice(i, i + b))), 1)
        predict = n * passes / (time.perf_counter() - start)
    return {"peer": "torch " + torch.__version__, "model": name, "parameters": parameters, "jets": n,
            "batchSize": args.batch_size, "epochs": args.epochs, "threads": args.threads,
            "predictBatchSize": b, "trainJetsPerSecond": round(train), "predictJetsPerSecond": round(predict)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jets", nargs="?", type=int, default=20000, help="jets per epoch (default 20000)")
    parser.add_argument("batch_size", nargs="?", type=int, default=512, help="training batch (default 512)")
    parser.add_argument("threads", nargs="?", type=int, default=2, help="intra-op threads (default 2)")
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs after one warm-up epoch (default 3)")
    parser.add_argument("--predict-batch-size", type=int, default=4096, help="inference batch (default 4096)")
    parser.add_argument("--models", default="dnn,cnn1x1,lstm,gru", help="comma-separated taggers")
    args = parser.parse_args()
    for value, what in ((args.jets, "jets"), (args.batch_size, "batch size"), (args.threads, "threads"),
                        (args.epochs, "epochs"), (args.predict_batch_size, "predict batch size")):
        if value < 1:
            parser.error(f"{what} must be at least 1, got {value}")
    names = args.models.split(",")
    for name in names:
        if name not in TAGGERS:
            parser.error(f"unknown model {name!r}; choose from {', '.join(TAGGERS)}")

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    features = torch.randn(args.jets, FEATURES)
    tracks = torch.randn(args.jets, TRACKS, TRACK_VARIABLES)
    labels = torch.randint(0, CLASSES, (args.jets,))
    for name in names:
        print(json.dumps(measure(name, TAGGERS[name](), [features, tracks], labels, args)), flush=True)


if __name__ == "__main__":
    main()
