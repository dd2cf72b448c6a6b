package dev.btag.metrics.plot;

import dev.btag.metrics.roc.RocCurve;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * ROC curves compared the way puma (ATLAS) draws them: the background rejection (1 / mistag, or the mistag rate with
 * {@link Builder#optRejection(boolean) optRejection(false)}) against the signal efficiency on a log axis, over a ratio
 * panel that shows each tagger's rejection divided by the reference tagger's, with binomial uncertainty bands.
 *
 * <p>Both panels are drawn on a common grid of signal efficiencies (200 points, denser towards full efficiency, over
 * the range where every curve has a positive mistag rate, within {@link Builder#optEfficiencyRange(double, double)},
 * starting at a multiple of 0.05); the mistag rate at an efficiency
 * is interpolated linearly between the two curve points around it. The band of a tagger is its own binomial
 * uncertainty, {@code sqrt(m (1 - m) / n_b)} relative to {@code m} (with {@code n_b} the effective number of
 * background jets), drawn around its ratio; the reference's band is drawn around 1. The taggers usually share their
 * jets, so the bands show each curve's statistical precision, not the uncertainty of the ratio, which is smaller.
 */
public final class RocRatioPlot implements Plot {

    private static final int GRID = 200;

    private final Figure figure;

    private RocRatioPlot(Figure figure) {
        this.figure = figure;
    }

    /**
     * Starts a ROC comparison with a ratio panel: rejection on a log axis, the first curve as the reference.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Figure figure() {
        return figure;
    }

    /** Collects the curves and options of a {@link RocRatioPlot}. */
    public static final class Builder extends PlotBuilder<Builder> {

        private final NamedSeries<RocCurve> curves = new NamedSeries<>("curve");
        private boolean rejection = true;
        private String reference;
        private double minEfficiency = 0.3;
        private double maxEfficiency = 1.0;

        private Builder() {
            super("signal efficiency", "background rejection");
            height = 750;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Adds a curve.
         *
         * @param name the tagger's name, unique within the plot
         * @param roc its ROC curve
         * @return this builder
         * @throws IllegalArgumentException if the name was already used
         */
        public Builder addCurve(String name, RocCurve roc) {
            curves.add(name, roc);
            return this;
        }

        /**
         * Chooses the reference of the ratio panel (default: the first curve added).
         *
         * @param name the name of an added curve
         * @return this builder
         */
        public Builder optReference(String name) {
            this.reference = name;
            return this;
        }

        /**
         * Draws the rejection (default) or the mistag rate in the upper panel; the ratio panel shows the same
         * quantity's ratio. Changes the default y title accordingly.
         *
         * @param rejection {@code true} for 1 / mistag, {@code false} for the mistag rate
         * @return this builder
         */
        public Builder optRejection(boolean rejection) {
            this.rejection = rejection;
            if (!rejection && "background rejection".equals(yTitle)) {
                yTitle = "mistag rate";
            }
            return this;
        }

        /**
         * Sets the range of signal efficiencies drawn (default 0.3 to 1).
         *
         * @param min the smallest efficiency, in [0, 1)
         * @param max the largest, in (min, 1]
         * @return this builder
         * @throws IllegalArgumentException if the range is not within [0, 1] or empty
         */
        public Builder optEfficiencyRange(double min, double max) {
            if (!(min >= 0 && max <= 1 && max > min)) {
                throw new IllegalArgumentException("efficiency range [" + min + ", " + max + "] must lie in [0, 1]");
            }
            this.minEfficiency = min;
            this.maxEfficiency = max;
            return this;
        }

        /**
         * Draws the plot.
         *
         * @return the plot
         * @throws IllegalStateException if no curve was added, the reference is not a curve's name, or no efficiency in
         *     the range has a positive mistag rate on every curve
         */
        public RocRatioPlot build() {
            if (curves.isEmpty()) {
                throw new IllegalStateException("a ROC ratio plot needs at least one curve");
            }
            int ref = 0;
            if (reference != null) {
                ref = -1;
                for (int c = 0; c < curves.size(); c++) {
                    if (curves.name(c).equals(reference)) {
                        ref = c;
                    }
                }
                if (ref < 0) {
                    throw new IllegalStateException("reference '" + reference + "' is not one of the curves");
                }
            }
            double lo = minEfficiency;
            for (RocCurve roc : curves.values()) {
                lo = Math.max(lo, firstEfficiencyWithMistag(roc));
            }
            lo = Math.min(Math.ceil(lo * 20) / 20, maxEfficiency); // a round start, so that the ticks are round
            if (!(lo < maxEfficiency)) {
                throw new IllegalStateException("no efficiency in [" + minEfficiency + ", " + maxEfficiency
                    + "] has a positive mistag rate on every curve");
            }
            double[] grid = new double[GRID];
            for (int k = 0; k < GRID; k++) {
                // denser towards full efficiency, where the rejection falls fastest (and not equally spaced, which
                // would make XChart put its ticks at data points instead of round numbers)
                grid[k] = maxEfficiency - (maxEfficiency - lo) * Math.pow(1 - (double) k / (GRID - 1), 1.5);
            }
            List<double[][]> values = new ArrayList<>(); // per curve: {value, relative error}
            for (RocCurve roc : curves.values()) {
                values.add(valueAndError(roc, grid));
            }
            XYChart top = top(grid, values);
            XYChart bottom = ratio(grid, values, ref);
            return new RocRatioPlot(Figure.stacked(List.of(top, bottom), new double[] {0.68, 0.32}, height, title,
                subtitle));
        }

        private XYChart top(double[] grid, List<double[][]> values) {
            XYChart chart = new XYChart(width, height);
            PlotStyle.apply(chart.getStyler());
            chart.setYAxisTitle(yTitle);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setXAxisTicksVisible(false); // the same data range as the ratio panel: the same x axis
            chart.getStyler().setLegendPosition(rejection ? Styler.LegendPosition.InsideNE
                : Styler.LegendPosition.InsideSE);
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (int c = 0; c < curves.size(); c++) {
                double[] y = values.get(c)[0];
                for (double v : y) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                XYSeries s = chart.addSeries(curves.name(c), grid, y);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(PlotStyle.color(c));
                s.setLineStyle(PlotStyle.LINE);
            }
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))))
                .setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
            PlotStyle.labelShortLogAxis(chart, min, max);
            return chart;
        }

        private XYChart ratio(double[] grid, List<double[][]> values, int ref) {
            XYChart chart = new XYChart(width, height);
            PlotStyle.apply(chart.getStyler());
            chart.setXAxisTitle(xTitle);
            chart.setYAxisTitle("ratio to " + curves.name(ref));
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setXAxisDecimalPattern("0.0#");
            chart.getStyler().setYAxisDecimalPattern("0.00"); // as wide as the upper panel's "1000": the panels align
            double[] reference = values.get(ref)[0];
            double lo = 1;
            double hi = 1;
            for (int c = 0; c < curves.size(); c++) {
                double[] y = values.get(c)[0];
                double[] rel = values.get(c)[1];
                double[] ratio = new double[grid.length];
                double[] bandX = new double[2 * grid.length];
                double[] bandY = new double[2 * grid.length];
                for (int k = 0; k < grid.length; k++) {
                    ratio[k] = y[k] / reference[k];
                    double centre = c == ref ? 1 : ratio[k];
                    bandX[k] = grid[k];
                    bandY[k] = centre * (1 + rel[k]);
                    bandX[2 * grid.length - 1 - k] = grid[k];
                    bandY[2 * grid.length - 1 - k] = centre * (1 - rel[k]);
                    lo = Math.min(lo, Math.min(ratio[k], centre * (1 - rel[k])));
                    hi = Math.max(hi, Math.max(ratio[k], centre * (1 + rel[k])));
                }
                XYSeries band = chart.addSeries(curves.name(c) + " band", bandX, bandY);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setMarker(SeriesMarkers.NONE);
                java.awt.Color colour = PlotStyle.color(c);
                band.setFillColor(new java.awt.Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 60));
                band.setLineColor(new java.awt.Color(0, 0, 0, 0));
                XYSeries line = chart.addSeries(curves.name(c), grid, ratio);
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(colour);
                line.setLineStyle(PlotStyle.LINE);
            }
            double[] range = PlotStyle.niceRange(Math.max(0, lo), Math.min(hi, 10));
            chart.getStyler().setYAxisMin(range[0]).setYAxisMax(range[1]);
            return chart;
        }

        /** The rejection (or mistag rate) at each efficiency of the grid, and its relative binomial error. */
        private double[][] valueAndError(RocCurve roc, double[] grid) {
            double[] value = new double[grid.length];
            double[] rel = new double[grid.length];
            double n = roc.background().effectiveCount();
            int i = 1;
            for (int k = 0; k < grid.length; k++) {
                double e = grid[k];
                while (i < roc.size() - 1 && roc.tpr(i) < e) {
                    i++;
                }
                double t0 = roc.tpr(i - 1);
                double t1 = roc.tpr(i);
                double m = t1 > t0 ? roc.fpr(i - 1) + (roc.fpr(i) - roc.fpr(i - 1)) * (e - t0) / (t1 - t0)
                    : roc.fpr(i);
                value[k] = rejection ? 1 / m : m;
                rel[k] = Math.sqrt(m * (1 - m) / n) / m; // the same relative error for m and 1/m
            }
            return new double[][] {value, rel};
        }

        /** The smallest efficiency at which the curve's mistag rate is positive (interpolation stays above 0). */
        private static double firstEfficiencyWithMistag(RocCurve roc) {
            for (int i = 1; i < roc.size(); i++) {
                if (roc.fpr(i) > 0) {
                    return roc.tpr(i);
                }
            }
            return 1;
        }
    }
}
