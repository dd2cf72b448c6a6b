#!/usr/bin/python3
"""Makes the two files of the read benchmark in docs/performance.md ("Reading .npy/.npz"): the tutorial's six
arrays as float32 random normal values, seed 1.

    /usr/bin/python3 btag-examples/src/bench/python/make_read_files.py [DIR] [--stored-jets 33000]
        [--compressed-jets 8000]

DIR (default /tmp/btag-npy-bench, created when missing) receives
  stored.npz      numpy.savez of 33,000 jets: 1.06 GB, entries stored
  compressed.npz  numpy.savez_compressed of 8,000 jets with 60% zeros and values rounded to 0.01: 258 MB of data,
                  63 MB deflated
Needs numpy (Debian's python3-numpy). Prints the two paths and sizes as JSON.
"""
import argparse
import json
import os

import numpy as np

SHAPES = [(52,), (10, 21), (25, 6), (25, 16), (4, 12), (720, 10)]


def arrays(rng, n, zero_fraction):
    """The six arrays of n jets; with zero_fraction, that share of the values is 0 and the rest rounded."""
    out = []
    for row_shape in SHAPES:
        shape = (n,) + row_shape
        a = rng.standard_normal(shape, dtype=np.float32)
        if zero_fraction:
            a[rng.random(shape) < zero_fraction] = 0
            a = np.round(a, 2)
        out.append(a)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?", default="/tmp/btag-npy-bench")
    parser.add_argument("--stored-jets", type=int, default=33000)
    parser.add_argument("--compressed-jets", type=int, default=8000)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    rng = np.random.default_rng(1)
    stored = os.path.join(args.dir, "stored.npz")
    compressed = os.path.join(args.dir, "compressed.npz")
    np.savez(stored, *arrays(rng, args.stored_jets, 0))
    np.savez_compressed(compressed, *arrays(rng, args.compressed_jets, 0.6))
    print(json.dumps({path: os.path.getsize(path) for path in (stored, compressed)}))


if __name__ == "__main__":
    main()
