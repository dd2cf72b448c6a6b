/**
 * Notebooks 1 and 2 of the tutorial: per-flavour histograms of every input variable and the single-variable ROC
 * ({@link dev.btag.examples.inputs.InputPlots}, used by {@code btag plot-inputs}).
 */
package dev.btag.examples.inputs;
