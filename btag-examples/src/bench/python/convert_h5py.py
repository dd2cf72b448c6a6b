#!/usr/bin/python3
"""The h5py peer of `btag convert IN.npz OUT.h5 --gzip LEVEL --chunk-rows N` (docs/performance.md): loads the
tutorial layout's arrays (arr_0 ... arr_4 and the synthetic marker, what the tutorial layout names) from the npz
with numpy and writes them with h5py, chunked by N rows over whole trailing dimensions, shuffle + gzip at LEVEL
(or contiguous with --level 0), as btag does.

    /usr/bin/python3 btag-examples/src/bench/python/convert_h5py.py IN.npz OUT.h5 [--level 4] [--chunk-rows 4096]

Prints {"peer": "h5py …", "bytes": <array bytes written>, "fileBytes": …, "seconds": <load + write + close>}.
Needs Debian's python3-h5py and python3-numpy.
"""
import argparse
import json
import os
import time

import h5py
import numpy as np

ARRAYS = ["arr_0", "arr_1", "arr_2", "arr_3", "arr_4", "btag_synthetic"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("inp")
    parser.add_argument("out")
    parser.add_argument("--level", type=int, default=4)
    parser.add_argument("--chunk-rows", type=int, default=4096)
    args = parser.parse_args()
    start = time.perf_counter()
    written = 0
    with np.load(args.inp) as npz, h5py.File(args.out, "w") as f:
        for name in ARRAYS:
            if name not in npz.files:
                continue
            a = npz[name]
            written += a.nbytes
            if args.level > 0:
                chunks = (min(args.chunk_rows, a.shape[0]),) + a.shape[1:]
                f.create_dataset(name, data=a, chunks=chunks, compression="gzip", compression_opts=args.level,
                                 shuffle=True)
            else:
                f.create_dataset(name, data=a)
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": "h5py " + h5py.__version__ + ", numpy " + np.__version__, "bytes": written,
                      "fileBytes": os.path.getsize(args.out), "seconds": seconds}))


if __name__ == "__main__":
    main()
