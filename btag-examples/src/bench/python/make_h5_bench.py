#!/usr/bin/python3
"""Writes the HDF5 file of the read benchmark (docs/performance.md): one chunked, gzip-compressed dataset `jets` of
float32 rows with the shape of the tutorial's track array per jet, filled with smooth, partly repetitive values so
that it compresses about as well as real ntuples (roughly 3:1), h5py's defaults otherwise.

    /usr/bin/python3 btag-examples/src/bench/python/make_h5_bench.py OUT.h5 [--jets N] [--shuffle] [--level L]

Default N = 640000 jets x 210 float32 = 538 MB uncompressed, chunks of 2000 jets (1.7 MB), gzip level 4.
"""
import argparse

import h5py
import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--jets", type=int, default=640000)
    parser.add_argument("--chunk", type=int, default=2000)
    parser.add_argument("--level", type=int, default=4)
    parser.add_argument("--shuffle", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    with h5py.File(args.out, "w") as f:
        d = f.create_dataset("jets", shape=(args.jets, 10, 21), dtype="<f4", chunks=(args.chunk, 10, 21),
                             compression="gzip", compression_opts=args.level, shuffle=args.shuffle)
        block = 20000
        for start in range(0, args.jets, block):
            n = min(block, args.jets - start)
            values = np.round(rng.normal(size=(n, 10, 21)), 2).astype("<f4")
            values[:, 6:, :] = 0  # padding slots, as in real track arrays
            d[start:start + n] = values
    print("wrote", args.out)


if __name__ == "__main__":
    main()
