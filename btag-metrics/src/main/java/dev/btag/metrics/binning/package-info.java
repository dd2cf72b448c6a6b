/**
 * Binnings of a continuous variable (jet p<sub>T</sub>, a score, an input feature) and histograms over them.
 *
 * <p>Bins are half-open, {@code [lower, upper)}, as in ROOT: a value equal to the last edge is overflow. Values below
 * the first edge are underflow; NaN values are counted apart and never binned.
 */
package dev.btag.metrics.binning;
