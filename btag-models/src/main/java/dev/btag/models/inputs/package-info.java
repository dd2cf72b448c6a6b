/**
 * Input-variable plots: per-category histograms of every input variable of an ntuple and a single-variable ROC
 * ({@link dev.btag.models.inputs.InputPlots}; notebooks 1 and 2 of the tutorial, {@code btag plot-inputs}), for the
 * tutorial files by flavour and for any layout by declared class.
 */
package dev.btag.models.inputs;
