#!/usr/bin/python3
"""How separable the synthetic sample is (docs/synthetic.md): single-variable AUCs and quick PyTorch versions of the
tutorial's DNN, 1x1-CNN and LSTM heads (smaller dense heads, a few epochs), trained on the first 70% of a file and
evaluated on the last 30% (the Keras split). A sanity check of the generator, not a benchmark.

Usage: /usr/bin/python3 synthetic_separation.py FILE.npz [--epochs 12]
"""
import argparse

import numpy as np
import torch
import torch.nn as nn
from sklearn.metrics import roc_auc_score

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--epochs", type=int, default=12)
args = parser.parse_args()
torch.manual_seed(0)
torch.set_num_threads(1)

f = np.load(args.file)
a0, a1 = f["arr_0"], f["arr_1"]
truth = a0[:, 50]
isB = truth == 5
bl = isB | (truth == 1) | (truth == 21)
bc = isB | (truth == 4)
print("single variables, AUC b vs light+gluon / b vs c (direction-free):")
for i in [0, 2, 3, 4, 6, 9, 11, 13, 14, 15, 18]:
    x = a0[:, i]
    u = roc_auc_score(isB[bl], x[bl])
    v = roc_auc_score(isB[bc], x[bc])
    print("  %2d %-36s %.3f  %.3f" % (i, ["jet_pt", "", "nCpfcand", "nNpfcand", "nsv", "", "n_seeds", "", "", "vertexCategory", "",
                                         "trackSip2dSigAboveCharm", "", "trackSip3dSigAboveCharm", "jetNSelectedTracks",
                                         "jetNTracksEtaRel", "", "", "jet_mass"][i], max(u, 1 - u), max(v, 1 - v)))

X = a0[:, [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]].copy()
X = np.where(X < -900, -5, X)
Y = a0[:, 43:49]
n = len(X)
ntr = int(n * (1 - 0.3))
X = (X - X[:ntr].mean(0)) / (X[:ntr].std(0) + 1e-6)
T = np.where(a1 < -900, -5, a1)
tm = T[:ntr].reshape(-1, 21).mean(0)
ts = T[:ntr].reshape(-1, 21).std(0) + 1e-6
T = (T - tm) / ts * (np.abs(a1).sum(2, keepdims=True) > 0)
Xt = torch.tensor(X, dtype=torch.float32)
Tt = torch.tensor(T, dtype=torch.float32)
Yt = torch.tensor(Y.argmax(1))
W = torch.tensor(Y.sum(1))


class DNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.f = nn.Sequential(nn.Linear(15, 30), nn.ReLU(), nn.Linear(30, 30), nn.ReLU(), nn.Linear(30, 20),
                               nn.ReLU(), nn.Linear(20, 10), nn.ReLU(), nn.Linear(10, 6))

    def forward(self, x, t):
        return self.f(x)


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.c = nn.Sequential(nn.Linear(21, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 32),
                               nn.ReLU(), nn.Linear(32, 8), nn.ReLU())
        self.f = nn.Sequential(nn.Linear(95, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 6))

    def forward(self, x, t):
        return self.f(torch.cat([x, self.c(t).flatten(1)], 1))


class LSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.l = nn.LSTM(21, 64, batch_first=True)
        self.f = nn.Sequential(nn.Linear(79, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 6))

    def forward(self, x, t):
        _, (h, _) = self.l(t)
        return self.f(torch.cat([x, h[-1]], 1))


def evaluate(model_class):
    m = model_class()
    opt = torch.optim.Adam(m.parameters(), 1e-3)
    for _ in range(args.epochs):
        perm = torch.randperm(ntr)
        for i in range(0, ntr, 256):
            idx = perm[i:i + 256]
            loss = (nn.functional.cross_entropy(m(Xt[idx], Tt[idx]), Yt[idx], reduction="none") * W[idx]).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
    with torch.no_grad():
        p = torch.softmax(m(Xt[ntr:], Tt[ntr:]), 1).numpy()
    b = p[:, :3].sum(1)
    tv = truth[ntr:]
    mk = (tv == 5) | (tv == 1) | (tv == 21)
    mc = (tv == 5) | (tv == 4)
    return roc_auc_score(tv[mk] == 5, (b / (b + p[:, 4] + p[:, 5]))[mk]), roc_auc_score(tv[mc] == 5, (b / (b + p[:, 3]))[mc])


for name, model in [("DNN (15 features)", DNN), ("1x1-CNN (features + tracks)", CNN), ("LSTM (features + tracks)", LSTM)]:
    l, c = evaluate(model)
    print("%-30s AUC BvsL %.3f  BvsC %.3f" % (name, l, c))
