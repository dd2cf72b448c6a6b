#!/usr/bin/python3
"""The h5py peer of `btag bench read FILE.h5` (docs/performance.md): every dataset of an HDF5 file (or one, with
--array) materialised as an ndarray with h5py's dataset[...] (chunks inflated by libhdf5, one after another).

    /usr/bin/python3 btag-examples/src/bench/python/read_h5py.py FILE.h5 [--array NAME] [--repeat N]

Prints {"peer": "h5py …", "bytes": …, "seconds": …, "gbPerSecond": …, "firstSeconds": …, "repeat": …} with the keys
of `btag bench read` (bytes = the arrays' nbytes; seconds = the fastest read). Needs Debian's python3-h5py.
"""
import argparse
import json
import time

import h5py


def datasets(group, out):
    for item in group.values():
        if isinstance(item, h5py.Dataset):
            out.append(item.name)
        elif isinstance(item, h5py.Group):
            datasets(item, out)
    return out


def read(path, only):
    """One read: open, materialise every dataset; returns the seconds and the arrays' bytes."""
    start = time.perf_counter()
    with h5py.File(path, "r") as f:
        names = [only] if only else datasets(f, [])
        data = [f[name][...] for name in names]
    seconds = time.perf_counter() - start
    nbytes = sum(a.nbytes for a in data)
    del data
    return seconds, nbytes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--array")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, got {args.repeat}")
    times = []
    nbytes = 0
    for _ in range(args.repeat):
        seconds, nbytes = read(args.file, args.array)
        times.append(seconds)
    best = min(times)
    print(json.dumps({"peer": "h5py " + h5py.__version__, "bytes": nbytes, "seconds": best,
                      "gbPerSecond": nbytes / best / 1e9, "firstSeconds": times[0], "repeat": args.repeat}))


if __name__ == "__main__":
    main()
