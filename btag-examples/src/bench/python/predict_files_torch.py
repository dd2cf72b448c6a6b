#!/usr/bin/python3
"""The Python peer of `btag spark predict` and `btag predict` on files (docs/performance.md, "Scoring on Spark").

Reads each tutorial-layout file's jet table (arr_0) with numpy, takes the tutorial's 15 input features (columns
0-5 and 7-15), standardises them, and scores them with the tutorial's DNN in PyTorch (torch_taggers.DNN, freshly
initialised: the throughput does not depend on the weights) in batches of 1024 under torch.no_grad(), with a
softmax, as btag's predictor does. One process, one file after the other; the time covers reading and scoring.

    /usr/bin/python3 btag-examples/src/bench/python/predict_files_torch.py [--threads 2] FILE...

Prints one JSON line: {"files":…,"jets":…,"seconds":…,"jetsPerSecond":…,"threads":…}. Needs Debian's
python3-torch and python3-numpy.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_taggers import DNN  # noqa: E402  (the peer's tagger definitions live next to this script)

FEATURE_COLUMNS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]
BATCH = 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = DNN(0.1).eval()
    jets = 0
    start = time.perf_counter()
    with torch.no_grad():
        for path in args.files:
            with np.load(path) as npz:
                table = npz["arr_0"]
            x = table[:, FEATURE_COLUMNS].astype(np.float32)
            x = (x - x.mean(axis=0)) / np.maximum(x.std(axis=0), 1e-3)
            features = torch.from_numpy(np.ascontiguousarray(x))
            out = []
            for at in range(0, len(features), BATCH):
                out.append(torch.softmax(model(features[at:at + BATCH], None), dim=1))
            probabilities = torch.cat(out).numpy()
            jets += len(probabilities)
    seconds = time.perf_counter() - start
    print(json.dumps({"files": len(args.files), "jets": jets, "seconds": seconds, "jetsPerSecond": jets / seconds,
                      "threads": args.threads}))


if __name__ == "__main__":
    main()
