#!/usr/bin/python3
"""The numpy peer of `btag bench read` (docs/performance.md): np.load of a .npz or .npy file and every array
materialised as an ndarray (for an archive, f[k] for every k in f.files; zipfile verifies each entry's CRC-32).

    /usr/bin/python3 btag-examples/src/bench/python/read_numpy.py FILE [--repeat N]

--repeat 1 (the default) times one read, which in a fresh process is the "first read" figure; --repeat 3 reads the
file three times in one process and reports the fastest. Prints
{"peer": "numpy …", "bytes": …, "seconds": …, "gbPerSecond": …, "firstSeconds": …, "repeat": …} with the keys of
`btag bench read` (bytes = the arrays' nbytes; seconds = the fastest read). Needs numpy (Debian's python3-numpy).
"""
import argparse
import json
import time

import numpy as np


def read(path):
    """One read: open, materialise every array; returns the seconds and the arrays' bytes."""
    start = time.perf_counter()
    f = np.load(path)
    data = [f[k] for k in f.files] if hasattr(f, "files") else [f]
    seconds = time.perf_counter() - start
    nbytes = sum(a.nbytes for a in data)
    if hasattr(f, "close"):
        f.close()
    del data
    return seconds, nbytes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, got {args.repeat}")
    times = []
    nbytes = 0
    for _ in range(args.repeat):
        seconds, nbytes = read(args.file)
        times.append(seconds)
    best = min(times)
    print(json.dumps({"peer": "numpy " + np.__version__, "bytes": nbytes, "seconds": best,
                      "gbPerSecond": nbytes / best / 1e9, "firstSeconds": times[0], "repeat": args.repeat}))


if __name__ == "__main__":
    main()
