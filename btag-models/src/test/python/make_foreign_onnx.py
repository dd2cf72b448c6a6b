#!/usr/bin/python3
"""Makes the "foreign" ONNX test fixture: a small tagger built, trained and exported by PyTorch itself.

btag must evaluate ONNX models made by other tools. This script makes one with PyTorch's own exporter
(torch.onnx.export), independently of btag's exporter, and records what PyTorch computes for it:

    foreign_gru.onnx   inputs "features" (N, 15) and "tracks" (N, 10, 21), float32, dynamic N; output "logits" (N, 6)
                       (no softmax: btag needs --logits / OutputKind.LOGITS); no btag metadata, so btag assumes the
                       tutorial's 15 features
    jets.npz           a tutorial-layout test file of 200 jets: arr_0 and arr_1 of the source file, arr_2 ... arr_5
                       zero (no tagger here reads them), savez_compressed
    expected.npz       "logits" and "probabilities" (softmax) of PyTorch for those 200 jets, float32

The model standardises the features itself, runs a GRU(8) over the tracks (PyTorch's gate order and reset, exported
by PyTorch's own ONNX converter), a Dense(16, tanh) over the features, and a Dense(6) over both. It is trained for
40 Adam steps on the same jets, enough for AUCs well above 0.5 and short of perfect separation.

Fixture tooling only (Debian: apt-get install -y python3-torch python3-onnx; PyTorch 1.13, ONNX 1.12). Run from the
repository root, with a tutorial-layout source file made by btag:

    ./btag generate --out /tmp/foreign --jets 200 --seed 3
    /usr/bin/python3 btag-models/src/test/python/make_foreign_onnx.py /tmp/foreign/synthetic_200_400.npz \
        btag-models/src/test/resources/dev/btag/models/onnx/foreign
"""
import sys

import numpy as np
import onnx
import torch

FEATURES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]  # the tutorial's 15 inputs (column 6 left out)


class ForeignTagger(torch.nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
        self.dense = torch.nn.Linear(15, 16)
        self.gru = torch.nn.GRU(21, 8, batch_first=True)
        self.out = torch.nn.Linear(24, 6)

    def forward(self, features, tracks):
        x = torch.tanh(self.dense((features - self.mean) / self.std))
        _, h = self.gru(tracks)
        return self.out(torch.cat([x, h[0]], dim=1))


def main(source, out_dir):
    torch.manual_seed(3)
    with np.load(source) as f:
        arrays = {k: f[k] for k in f.files}
    n = arrays["arr_0"].shape[0]
    fixture = {k: (v if k in ("arr_0", "arr_1") or not k.startswith("arr_") else np.zeros_like(v))
               for k, v in arrays.items()}
    np.savez_compressed(f"{out_dir}/jets.npz", **fixture)

    table = arrays["arr_0"].astype(np.float32)
    features = torch.from_numpy(table[:, FEATURES].copy())
    tracks = torch.from_numpy(arrays["arr_1"].astype(np.float32))
    labels = torch.from_numpy(table[:, 43:49].copy())
    model = ForeignTagger(features.mean(0).numpy(), features.std(0).numpy() + 1e-6)
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(40):
        optimiser.zero_grad()
        logits = model(features, tracks)
        loss = -(labels * torch.log_softmax(logits, 1)).sum(1).mean()
        loss.backward()
        optimiser.step()
    model.eval()

    onnx_file = f"{out_dir}/foreign_gru.onnx"
    torch.onnx.export(model, (features[:2], tracks[:2]), onnx_file, input_names=["features", "tracks"],
                      output_names=["logits"], opset_version=17,
                      dynamic_axes={"features": {0: "N"}, "tracks": {0: "N"}, "logits": {0: "N"}})
    onnx.checker.check_model(onnx.load(onnx_file))
    with torch.no_grad():
        logits = model(features, tracks)
    np.savez(f"{out_dir}/expected.npz", logits=logits.numpy().astype(np.float32),
             probabilities=torch.softmax(logits, 1).numpy().astype(np.float32))
    print(f"{n} jets, final loss {loss.item():.4f}, wrote {onnx_file}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
