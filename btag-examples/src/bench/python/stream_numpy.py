#!/usr/bin/python3
"""The numpy peer of `btag bench dataset --stream FILE...` (docs/performance.md): batches of the tutorial's 15
features, 10 x 21 tracks and six one-hot labels streamed from many tutorial-layout .npz files, as a numpy user would
write it: a seeded file order per epoch, each file's arrays loaded whole with np.load (arr_0 and arr_1 only), a
shuffle buffer of C jets (each incoming block evicts as many random buffered jets, which form the batches), and every
batch materialised as three contiguous float32 arrays.

    /usr/bin/python3 btag-examples/src/bench/python/stream_numpy.py FILE... [--batch-size 512] [--epochs 2]
        [--shuffle-buffer 32768]

Prints {"peer": "numpy …", "files": …, "jets": …, "epochs": …, "seconds": …, "jetsPerSecond": …, "peakRssBytes": …}
(one untimed epoch first). Needs numpy (Debian's python3-numpy).
"""
import argparse
import json
import resource
import time

import numpy as np

FEATURES = [0, 1, 2, 3, 4, 5] + list(range(7, 16))
LABELS = list(range(43, 49))


def epoch(files, rng, batch_size, capacity):
    """Yields the batches of one epoch."""
    order = rng.permutation(len(files))
    buf_f = buf_t = buf_l = None
    pending = []

    def emit(f, t, l):
        pending.append((f, t, l))

    for i in order:
        with np.load(files[i]) as z:
            table = z["arr_0"]
            tracks = z["arr_1"]
        f = np.ascontiguousarray(table[:, FEATURES], dtype=np.float32)
        l = np.ascontiguousarray(table[:, LABELS], dtype=np.float32)
        t = tracks.astype(np.float32, copy=False)
        if buf_f is None:
            take = min(capacity, len(f))
            buf_f, buf_t, buf_l = f[:take].copy(), t[:take].copy(), l[:take].copy()
            f, t, l = f[take:], t[take:], l[take:]
        elif len(buf_f) < capacity:
            take = min(capacity - len(buf_f), len(f))
            buf_f = np.concatenate([buf_f, f[:take]])
            buf_t = np.concatenate([buf_t, t[:take]])
            buf_l = np.concatenate([buf_l, l[:take]])
            f, t, l = f[take:], t[take:], l[take:]
        for start in range(0, len(f), capacity):
            bf, bt, bl = f[start:start + capacity], t[start:start + capacity], l[start:start + capacity]
            slots = rng.choice(len(buf_f), len(bf), replace=False)
            emit(buf_f[slots], buf_t[slots], buf_l[slots])
            buf_f[slots], buf_t[slots], buf_l[slots] = bf, bt, bl
        while pending:
            yield from batches(*pending.pop(0), batch_size)
    perm = rng.permutation(len(buf_f))
    yield from batches(buf_f[perm], buf_t[perm], buf_l[perm], batch_size)


def batches(f, t, l, batch_size):
    for s in range(0, len(f), batch_size):
        yield (np.ascontiguousarray(f[s:s + batch_size]), np.ascontiguousarray(t[s:s + batch_size]),
               np.ascontiguousarray(l[s:s + batch_size]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--batch-size", type=int, default=512)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--shuffle-buffer", type=int, default=32768)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    jets = sum(len(b[0]) for b in epoch(args.files, rng, args.batch_size, args.shuffle_buffer))
    start = time.perf_counter()
    total = 0
    for _ in range(args.epochs):
        total += sum(len(b[0]) for b in epoch(args.files, rng, args.batch_size, args.shuffle_buffer))
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": "numpy " + np.__version__, "files": len(args.files), "jets": jets,
                      "epochs": args.epochs, "seconds": seconds, "jetsPerSecond": total / seconds,
                      "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))


if __name__ == "__main__":
    main()
