/**
 * ROC evaluation of any score array against any label array stored in a NumPy {@code .npz} file (what
 * {@code btag roc} runs), and the ROC benchmark behind {@code btag bench roc}. The metrics themselves are the pure
 * functions of {@link dev.btag.metrics.roc}; this package only reads files and assembles results.
 */
package dev.btag.examples.roc;
