#!/usr/bin/python3
"""Checks with numpy that the files btag writes load unchanged (not needed by the test suite).

    mvn -o test -pl btag-data -Dtest=NumpyExportTest -Dbtag.npy.export=/tmp/btag-export
    /usr/bin/python3 btag-data/src/test/resources/npy/check_btag_output.py /tmp/btag-export

Recomputes the values NumpyExportTest writes, compares dtype, shape, memory order and values of every array, checks
the archives with zipfile (CRC-32 of every entry) and that btag's .npy file is byte for byte what numpy.save writes.
"""
import io
import sys
import zipfile

import numpy as np

d = sys.argv[1]


def expected():
    k = np.arange(20 * 52)
    e = {
        'arr_0': (k * np.float32(0.5) - np.float32(3)).astype('<f4').reshape(20, 52),
        'doubles': (np.sqrt(np.arange(42)) - 1e10).astype('<f8').reshape(7, 3, 2),
        'longs': np.array([-(2 ** 63) // (j + 1) if -(2 ** 63) % (j + 1) == 0 else -((2 ** 63) // (j + 1))
                           for j in range(5)], dtype='<i8'),
        'ints': np.array([j * j * 1000 - 7 for j in range(6)], dtype='<i4').reshape(2, 3),
        'shorts': np.array([j * 10000 - 20000 for j in range(4)], dtype='<i2'),
        'bytes': np.array([j * 100 - 100 for j in range(3)], dtype='|i1'),
        'flags': np.array([j % 3 == 0 for j in range(6)]).reshape(3, 2),
        'empty': np.zeros((0, 5), dtype='<f4'),
        'fortran_be_i4': np.asfortranarray(np.array([[10 * r + c for c in range(3)] for r in range(4)],
                                                    dtype='>i4')),
        'half': np.array([1.0, -2.0, np.inf, 2.0 ** -24], dtype='<f2'),
        'u64': np.array([2 ** 64 - 1, 42], dtype='<u8'),
        'scalar': np.array(2.75, dtype='<f8'),
    }
    return e


failures = 0
for name in ['stored.npz', 'compressed.npz', 'zip64.npz']:
    path = d + '/' + name
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            print(name, 'CRC error in', bad)
            failures += 1
    with np.load(path) as f:
        want = expected()
        if list(f.files) != list(want):
            print(name, 'names', f.files)
            failures += 1
        for key, w in want.items():
            got = f[key]
            ok = (got.dtype.str == w.dtype.str and got.shape == w.shape
                  and bool(got.flags.f_contiguous and not got.flags.c_contiguous and got.ndim > 1)
                  == bool(w.flags.f_contiguous and not w.flags.c_contiguous and w.ndim > 1)
                  and np.array_equal(got, w))
            if not ok:
                print(name, key, 'differs:', got.dtype.str, got.shape, got.ravel()[:5], 'expected', w.dtype.str,
                      w.shape, w.ravel()[:5])
                failures += 1
    print(name, 'ok' if failures == 0 else 'FAILED')

table = np.load(d + '/table.npy')
buf = io.BytesIO()
np.save(buf, (np.arange(20 * 52) * np.float32(0.5) - np.float32(3)).astype('<f4').reshape(20, 52))
same = open(d + '/table.npy', 'rb').read() == buf.getvalue()
print('table.npy', 'byte-identical to numpy.save' if same else 'DIFFERS from numpy.save')
failures += 0 if same else 1
sys.exit(1 if failures else 0)
