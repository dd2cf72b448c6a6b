"""Makes structured.npz, the structured-dtype fixture of RecordArraysTest (run with /usr/bin/python3, numpy 1.24).

Two per-jet tables as numpy users save them: `jets`, a packed record array with fields of mixed types and byte
orders, and `aligned`, the same values with align=True (numpy then inserts padding, written as unnamed |V fields).
`tracks` is an (N, 3) record array, a collection of objects with one field per variable.
"""
import numpy as np

n = 5
jets = np.zeros(n, dtype=[('pt', '<f4'), ('eta', '>f8'), ('flavour', '<i4'), ('weight', '<f2'), ('valid', '?')])
jets['pt'] = [25.5, 40.25, 101.0, 33.0, 250.75]
jets['eta'] = [-2.1, 0.5, 1.25, -0.75, 2.4]
jets['flavour'] = [5, 4, 0, 5, 21]
jets['weight'] = [1.0, 0.5, 2.0, 1.5, 0.25]
jets['valid'] = [True, True, False, True, True]
aligned = np.zeros(n, dtype=np.dtype([('flag', 'u1'), ('pt', '<f4'), ('code', '<i8')], align=True))
aligned['flag'] = [1, 0, 1, 0, 1]
aligned['pt'] = jets['pt']
aligned['code'] = [2 ** 40 + 1, -3, 0, 7, 2 ** 53]
tracks = np.zeros((n, 3), dtype=[('d0', '<f4'), ('z0', '<f4'), ('valid', '|b1')])
tracks['d0'] = np.arange(n * 3, dtype='<f4').reshape(n, 3) / 4
tracks['z0'] = -np.arange(n * 3, dtype='<f4').reshape(n, 3)
tracks['valid'] = np.arange(n * 3).reshape(n, 3) % 3 != 2
np.savez('structured.npz', jets=jets, aligned=aligned, tracks=tracks)
print(np.load('structured.npz')['aligned'].dtype.descr)
