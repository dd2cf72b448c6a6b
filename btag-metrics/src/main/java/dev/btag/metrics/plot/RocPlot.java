package dev.btag.metrics.plot;

import dev.btag.metrics.roc.RocCurve;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * ROC curves the way CMS shows them: signal efficiency (true-positive rate, e.g. b-jet efficiency) on x, mistag rate
 * (false-positive rate) on a logarithmic y axis, several curves overlaid with their AUC in the legend. With
 * {@link Builder#optRejection(boolean)} the y axis shows the background rejection, 1 / mistag, as ATLAS draws it.
 *
 * <p>Points with zero mistag cannot be drawn on a log axis: each curve is drawn from its first point with a positive
 * mistag rate, and the y axis starts at the smallest positive mistag rate of all curves (rounded down to a power of
 * ten) unless {@link Builder#optMinMistag(double)} says otherwise. Long curves are thinned for drawing (points closer
 * than about a pixel are merged); the AUC in the legend is always that of the full curve.
 */
public final class RocPlot implements Plot {

    /** Points closer than this fraction of the x range or of a decade of y are merged when drawing. */
    private static final double THIN_X = 1.0 / 2000;
    private static final double THIN_LOG_Y = 1.0 / 400;

    private final Figure figure;

    private RocPlot(Figure figure) {
        this.figure = figure;
    }

    /**
     * Starts a ROC plot with axis titles "signal efficiency" and "mistag rate" and a log y axis.
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

    /** Collects the curves and options of a {@link RocPlot}. */
    public static final class Builder extends XyPlotBuilder<Builder> {

        private final NamedSeries<RocCurve> curves = new NamedSeries<>("curve");
        private final java.util.List<Double> aucs = new java.util.ArrayList<>();
        private Double minMistag;
        private boolean rejection;

        private Builder() {
            super("signal efficiency", "mistag rate", true);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Adds a curve; its legend entry is {@code name (AUC = 0.xxx)}.
         *
         * @param name the curve's name, for example the tagger, unique within the plot
         * @param roc the curve
         * @return this builder
         * @throws IllegalArgumentException if a curve of that name was already added
         */
        public Builder addCurve(String name, RocCurve roc) {
            curves.add(name, roc);
            aucs.add(roc.auc());
            return this;
        }

        /**
         * Adds a curve with the AUC to quote in the legend, for a curve thinned for drawing
         * ({@link RocCurve#thinned(int)}) whose full curve's AUC is known.
         *
         * @param name the curve's name, unique within the plot
         * @param roc the curve to draw
         * @param auc the AUC to show, or NaN to show none
         * @return this builder
         * @throws IllegalArgumentException if a curve of that name was already added
         */
        public Builder addCurve(String name, RocCurve roc, double auc) {
            curves.add(name, roc);
            aucs.add(auc);
            return this;
        }

        /**
         * Draws the background rejection (1 / mistag) on the logarithmic y axis instead of the mistag rate; the
         * default y title becomes "background rejection".
         *
         * @param rejection whether to draw the rejection
         * @return this builder
         */
        public Builder optRejection(boolean rejection) {
            this.rejection = rejection;
            if (rejection && "mistag rate".equals(yTitle)) {
                yTitle = "background rejection";
            }
            return this;
        }

        /**
         * Sets the lower end of the (logarithmic) mistag axis.
         *
         * @param minMistag the smallest mistag rate shown, in (0, 1)
         * @return this builder
         * @throws IllegalArgumentException if {@code minMistag} is not in (0, 1)
         */
        public Builder optMinMistag(double minMistag) {
            if (!(minMistag > 0 && minMistag < 1)) {
                throw new IllegalArgumentException("minMistag must be in (0, 1), got " + minMistag);
            }
            this.minMistag = minMistag;
            return this;
        }

        /**
         * Draws the plot.
         *
         * @return the plot
         * @throws IllegalStateException if no curve was added
         */
        public RocPlot build() {
            if (curves.isEmpty()) {
                throw new IllegalStateException("a ROC plot needs at least one curve");
            }
            XYChart chart = PlotStyle.xyChart(this);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
            double smallest = 1;
            double largestRejection = 1;
            for (int c = 0; c < curves.size(); c++) {
                RocCurve roc = curves.get(c);
                double[][] xy = drawnPoints(roc, logY || rejection);
                for (int k = 0; k < xy[1].length; k++) {
                    double y = xy[1][k];
                    if (y > 0) {
                        smallest = Math.min(smallest, y);
                    }
                    if (rejection) {
                        xy[1][k] = 1 / y;
                        largestRejection = Math.max(largestRejection, xy[1][k]);
                    }
                }
                double auc = aucs.get(c);
                String label = Double.isNaN(auc) ? curves.name(c) : curves.name(c) + " (AUC = "
                    + String.format(java.util.Locale.ROOT, "%.3f", auc) + ")";
                XYSeries series = chart.addSeries(label, xy[0], xy[1]);
                series.setMarker(SeriesMarkers.NONE);
                series.setLineColor(PlotStyle.color(c));
                series.setLineStyle(PlotStyle.LINE);
            }
            if (rejection) {
                chart.getStyler().setYAxisLogarithmic(true);
                chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
                chart.getStyler().setYAxisMin(1.0)
                    .setYAxisMax(Math.pow(10, Math.ceil(Math.log10(largestRejection))));
            } else if (logY) {
                double floor = minMistag != null ? minMistag : Math.pow(10, Math.floor(Math.log10(smallest)));
                chart.getStyler().setYAxisMin(floor).setYAxisMax(1.0);
            } else {
                chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
            }
            return new RocPlot(Figure.of(chart, title, subtitle));
        }
    }

    /**
     * The points drawn for one curve: (tpr, fpr), without zero-mistag points on a log axis, thinned to about the
     * resolution of the image.
     */
    static double[][] drawnPoints(RocCurve roc, boolean logY) {
        int n = roc.size();
        double[] x = new double[n];
        double[] y = new double[n];
        int kept = 0;
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int i = 0; i < n; i++) {
            double tpr = roc.tpr(i);
            double fpr = roc.fpr(i);
            if (logY && fpr <= 0) {
                continue;
            }
            boolean last = i == n - 1;
            if (kept > 0 && !last && Math.abs(tpr - lastX) < THIN_X
                && Math.abs(logY ? Math.log10(fpr / lastY) : fpr - lastY) < (logY ? THIN_LOG_Y : THIN_X)) {
                continue;
            }
            x[kept] = tpr;
            y[kept] = fpr;
            kept++;
            lastX = tpr;
            lastY = fpr;
        }
        return new double[][] {java.util.Arrays.copyOf(x, kept), java.util.Arrays.copyOf(y, kept)};
    }
}
