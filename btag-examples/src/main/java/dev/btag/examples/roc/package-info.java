/**
 * ROC evaluation of any score array against any label array stored in a NumPy {@code .npz} file (what
 * {@code btag roc} runs). The metrics themselves are the pure functions of {@link dev.btag.metrics.roc}; this package
 * only reads files and assembles results. The ROC benchmark behind {@code btag bench roc} is in
 * {@link dev.btag.examples.bench}.
 */
package dev.btag.examples.roc;
