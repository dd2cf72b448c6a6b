"""Makes compound.h5, the HDF5 fixture of the hdf5 tests (run with Debian's /usr/bin/python3: h5py 3.7, numpy 1.24).

Jet i (0 <= i < 50) has pt = 20 + 0.5 i, eta = -2.5 + 0.1 i, flavour = (5, 4, 0)[i % 3], weight = 1 + i / 64 and
4 track slots; slot k of jet i holds d0 = i + k / 4, z0 = -(i + k), valid = k < 1 + i % 4 (padding slots are zero).
The same values are stored five ways, so that a test can recompute them:
  jets          (50,) compound {pt <f4, eta <f4, flavour <i4, weight >f8}, chunked (16,), gzip 4 + shuffle
  tracks        (50, 4) compound {d0 <f4, z0 <f4, valid |b1}, chunked (7, 4), gzip 1 (partial edge chunks)
  numeric/table (50, 4) float64 [pt, eta, flavour, weight], contiguous
  numeric/tracks (50, 4, 2) float32 [d0, z0], chunked (8, 2, 2), shuffle + gzip 9 (chunks split every axis)
  numeric/flavour (50,) int16, chunked (10,), gzip, big-endian
"""
import h5py
import numpy as np

n, slots = 50, 4
i = np.arange(n)
jets = np.zeros(n, dtype=[('pt', '<f4'), ('eta', '<f4'), ('flavour', '<i4'), ('weight', '>f8')])
jets['pt'] = 20 + 0.5 * i
jets['eta'] = -2.5 + 0.1 * i
jets['flavour'] = np.array([5, 4, 0])[i % 3]
jets['weight'] = 1 + i / 64
tracks = np.zeros((n, slots), dtype=[('d0', '<f4'), ('z0', '<f4'), ('valid', '|b1')])
k = np.arange(slots)
valid = k[None, :] < (1 + i % 4)[:, None]
tracks['d0'] = np.where(valid, i[:, None] + k[None, :] / 4, 0)
tracks['z0'] = np.where(valid, -(i[:, None] + k[None, :]), 0)
tracks['valid'] = valid

with h5py.File('compound.h5', 'w') as f:
    f.create_dataset('jets', data=jets, chunks=(16,), compression='gzip', compression_opts=4, shuffle=True)
    f.create_dataset('tracks', data=tracks, chunks=(7, slots), compression='gzip', compression_opts=1)
    g = f.create_group('numeric')
    table = np.stack([jets['pt'], jets['eta'], jets['flavour'], jets['weight']], axis=1).astype('<f8')
    g.create_dataset('table', data=table)
    numeric_tracks = np.stack([tracks['d0'], tracks['z0']], axis=2).astype('<f4')
    g.create_dataset('tracks', data=numeric_tracks, chunks=(8, 2, 2), compression='gzip', compression_opts=9,
                     shuffle=True)
    g.create_dataset('flavour', data=jets['flavour'].astype('>i2'), chunks=(10,), compression='gzip')
print('wrote compound.h5')
