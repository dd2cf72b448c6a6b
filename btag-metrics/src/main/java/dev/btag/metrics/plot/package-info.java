/**
 * Plots of tagging metrics with XChart, written as PNG or SVG: {@link dev.btag.metrics.plot.RocPlot} (efficiency
 * vs mistag rate on a log axis), {@link dev.btag.metrics.plot.ConfusionMatrixPlot} (heatmap with the numbers in the
 * cells), {@link dev.btag.metrics.plot.EfficiencyPlot} (efficiency vs a variable, with error bars),
 * {@link dev.btag.metrics.plot.HistogramPlot} (normalised histograms of several categories overlaid) and
 * {@link dev.btag.metrics.plot.LinePlot} (x/y series, for example loss curves).
 *
 * <p>Every plot is built with a {@code builder()}, takes an optional subtitle (for example
 * {@link dev.btag.metrics.plot.Figure#SYNTHETIC_SAMPLE}, which every output made from the synthetic sample must
 * carry) and is saved through its {@link dev.btag.metrics.plot.Figure}. Plotting runs headless: loading this package
 * sets {@code java.awt.headless=true} unless the property was already set.
 */
package dev.btag.metrics.plot;
