#!/usr/bin/python3
"""Regenerates the numpy-made test fixtures of btag-data's dev.btag.data.npy tests.

Run with Debian's numpy (1.24):  /usr/bin/python3 make_fixtures.py   (from this directory)

Writes small .npy/.npz files covering layouts btag's writer does not produce (big-endian, Fortran order, float16,
uint16, every dtype in both byte orders, .npy format versions 2.0 and 3.0, savez_compressed, 0-d, empty, bool), a
few files with unsupported dtypes, and expected.txt: one line per array,
    file <TAB> array name <TAB> descr <TAB> shape (comma-separated) <TAB> fortran 0/1 <TAB> values in C order
where integer values are decimal (uint64 above 2**63-1 written as the signed 64-bit value with the same bits) and
floating-point values are hexadecimal floats (Java's Double.parseDouble reads them), or NaN/Infinity/-Infinity.
"""
import io
import os

import numpy as np

rng = np.random.default_rng(20261122)
lines = []


def java_value(x, dtype):
    if dtype.kind == 'f':
        v = float(x)
        if v != v:
            return 'NaN'
        if v in (float('inf'), float('-inf')):
            return 'Infinity' if v > 0 else '-Infinity'
        return v.hex()
    v = int(x)
    if dtype.kind == 'u' and dtype.itemsize == 8 and v >= 2 ** 63:
        v -= 2 ** 64
    return str(v)


def expect(file, name, arr):
    arr = np.asarray(arr)
    values = ' '.join(java_value(x, arr.dtype) for x in np.ravel(arr, order='C'))
    fortran = 1 if (arr.ndim > 1 and arr.flags.f_contiguous and not arr.flags.c_contiguous) else 0
    shape = ','.join(str(d) for d in arr.shape)
    lines.append('\t'.join([file, name, arr.dtype.str, shape, str(fortran), values]))


def values_for(dtype, shape):
    n = int(np.prod(shape))
    if dtype.kind == 'b':
        return (rng.integers(0, 2, n) == 1).reshape(shape)
    if dtype.kind in 'iu':
        info = np.iinfo(dtype)
        native = dtype.newbyteorder('=')
        edge = np.array([info.min, info.max, 0, 1], dtype=native)
        body = rng.integers(info.min, info.max, n, dtype=native, endpoint=True)
        body[:min(n, 4)] = edge[:min(n, 4)]
        return body.astype(dtype).reshape(shape)
    body = (rng.standard_normal(n) * 100).astype(dtype)
    special = np.array([np.nan, np.inf, -np.inf, -0.0, np.finfo(dtype).max, np.finfo(dtype).tiny], dtype=dtype)
    body[:min(n, 6)] = special[:min(n, 6)]
    return body.reshape(shape)


def save_npy(file, arr, version=None):
    arr = np.asarray(arr)
    with open(file, 'wb') as f:
        np.lib.format.write_array(f, arr, version=version)
    expect(file, file[:-4], arr)


# every numeric dtype, both byte orders, in one stored archive; names say what they are
every = {}
for kind in ['b1', 'i1', 'u1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8', 'f2', 'f4', 'f8']:
    for order in ['<', '>'] if kind[1] != '1' else ['|']:
        dt = np.dtype(order + kind)
        name = ('le_' if order == '<' else 'be_' if order == '>' else '') + dt.name
        every[name] = values_for(dt, (3, 5)).astype(dt)
np.savez('every_dtype.npz', **every)
for name, arr in every.items():
    expect('every_dtype.npz', name, arr)

# savez_compressed with positional names: C and Fortran order, big-endian, bool, 3-d
compressed = [
    rng.standard_normal((40, 7)).astype('<f4'),
    np.asfortranarray(rng.standard_normal((6, 4, 3))).astype('<f8', order='F'),
    values_for(np.dtype('>u2'), (9, 2)),
    values_for(np.dtype('|b1'), (5, 3)),
]
np.savez_compressed('compressed.npz', *compressed)
for i, arr in enumerate(compressed):
    expect('compressed.npz', 'arr_%d' % i, arr)

# single .npy files
save_npy('big_endian_f8.npy', values_for(np.dtype('>f8'), (4, 3)))
save_npy('fortran_f4.npy', np.asfortranarray(values_for(np.dtype('<f4'), (3, 4, 2))))
save_npy('fortran_be_i4.npy', np.asfortranarray(values_for(np.dtype('>i4'), (5, 2))))
half = np.array([0.0, -0.0, 1.0, -2.5, 65504.0, 6.1035156e-05, 5.9604645e-08, np.inf, -np.inf, np.nan,
                 0.333251953125, 1000.5], dtype='<f2').reshape(3, 4)
save_npy('float16.npy', half)
save_npy('uint16.npy', np.array([[0, 1, 255, 256], [32767, 32768, 65534, 65535]], dtype='<u2'))
save_npy('version2.npy', values_for(np.dtype('<f4'), (2, 3)), version=(2, 0))
save_npy('version3.npy', values_for(np.dtype('<i8'), (4,)), version=(3, 0))
save_npy('scalar.npy', np.array(2.75, dtype='<f8'))
save_npy('empty.npy', np.zeros((0, 5), dtype='<f4'))
save_npy('bool.npy', np.array([[True, False, True], [False, False, True]]))

# dtypes btag must refuse with a clear message
np.save('complex.npy', np.array([1 + 2j, 3 - 4j], dtype='<c8'))
np.save('object.npy', np.array([{'a': 1}, None], dtype=object), allow_pickle=True)
np.save('structured.npy', np.zeros(3, dtype=[('pt', '<f4'), ('eta', '<f4')]))
np.save('strings.npy', np.array(['b', 'c', 'uds']))

with open('expected.txt', 'w') as f:
    f.write('\n'.join(lines) + '\n')
print('wrote', len(lines), 'expected arrays')
