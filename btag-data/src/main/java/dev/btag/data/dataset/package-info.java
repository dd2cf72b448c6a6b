/**
 * DJL datasets over tutorial-layout files: {@link dev.btag.data.dataset.JetDataset} yields batches of features,
 * optional 10 × 21 tracks and six-class labels, assembled in bulk, with Keras-compatible and seeded splits, seeded
 * per-epoch shuffling and a {@link dev.btag.data.dataset.Standardizer} fitted on training rows.
 */
package dev.btag.data.dataset;
