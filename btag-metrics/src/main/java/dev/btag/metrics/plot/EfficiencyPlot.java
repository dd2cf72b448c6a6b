package dev.btag.metrics.plot;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Efficiencies versus a variable (for example b-tagging efficiency and mistag rates versus jet p<sub>T</sub>): a marker
 * at each bin centre, a horizontal bar across the bin and a vertical bar over its (asymmetric) interval. Several
 * series overlay. Empty bins (efficiency NaN) are not drawn; on a log axis, interval bounds of 0 are drawn down to the
 * bottom of the axis.
 */
public final class EfficiencyPlot implements Plot {

    private final Figure figure;

    private EfficiencyPlot(Figure figure) {
        this.figure = figure;
    }

    /**
     * Starts an efficiency plot with axis titles "jet pT [GeV]" and "efficiency" and a linear y axis.
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

    /** Collects the series and options of an {@link EfficiencyPlot}. */
    public static final class Builder extends XyPlotBuilder<Builder> {

        /** One series: a value and an interval per bin. */
        private record Binned(Binning binning, double[] value, double[] lower, double[] upper) { }

        private final NamedSeries<Binned> series = new NamedSeries<>("series");
        private double[] yRange;

        private Builder() {
            super("jet pT [GeV]", "efficiency", false);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Adds a series.
         *
         * @param name the legend entry, unique within the plot
         * @param efficiency the binned efficiency
         * @return this builder
         * @throws IllegalArgumentException if the name was already used
         */
        public Builder addSeries(String name, BinnedEfficiency efficiency) {
            return addSeries(name, efficiency.binning(), efficiency.efficiency(), efficiency.lower(),
                efficiency.upper());
        }

        /**
         * Adds a series of any binned value with an interval, for example the AUC per jet-pT bin with
         * {@code auc -+ standardError}.
         *
         * @param name the legend entry, unique within the plot
         * @param binning the bins
         * @param value the value per bin, NaN for bins not drawn
         * @param lower the lower end of the interval per bin
         * @param upper the upper end of the interval per bin
         * @return this builder
         * @throws IllegalArgumentException if an array does not have one entry per bin or the name was already used
         */
        public Builder addSeries(String name, Binning binning, double[] value, double[] lower, double[] upper) {
            int bins = binning.bins();
            if (value.length != bins || lower.length != bins || upper.length != bins) {
                throw new IllegalArgumentException("series '" + name + "': " + value.length + " values, "
                    + lower.length + " lower and " + upper.length + " upper bounds for " + bins + " bins");
            }
            series.add(name, new Binned(binning, value.clone(), lower.clone(), upper.clone()));
            return this;
        }

        /**
         * Sets the y range instead of [0, 1.05] (linear) or [a decade below the smallest value, 1] (log), for values
         * that are not efficiencies, such as AUCs.
         *
         * @param min the lower end
         * @param max the upper end, greater than {@code min}
         * @return this builder
         * @throws IllegalArgumentException if the range is empty or not finite
         */
        public Builder optYRange(double min, double max) {
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
                throw new IllegalArgumentException("y range [" + min + ", " + max + "] must be finite and non-empty");
            }
            this.yRange = new double[] {min, max};
            return this;
        }

        /**
         * Draws the plot.
         *
         * @return the plot
         * @throws IllegalStateException if no series was added
         */
        public EfficiencyPlot build() {
            if (series.isEmpty()) {
                throw new IllegalStateException("an efficiency plot needs at least one series");
            }
            XYChart chart = PlotStyle.xyChart(this);
            double smallest = 1;
            double xMin = Double.POSITIVE_INFINITY;
            double xMax = Double.NEGATIVE_INFINITY;
            for (Binned e : series.values()) {
                for (double v : e.value()) {
                    if (v > 0) {
                        smallest = Math.min(smallest, v);
                    }
                }
                xMin = Math.min(xMin, e.binning().lower(0));
                xMax = Math.max(xMax, e.binning().upper(e.binning().bins() - 1));
            }
            double floor = logY ? Math.pow(10, Math.floor(Math.log10(smallest)) - 1) : 0;
            if (logY) {
                PlotStyle.labelShortLogAxis(chart, floor, 1);
            }
            if (yRange != null) {
                floor = logY ? Math.max(yRange[0], Double.MIN_NORMAL) : yRange[0];
            }
            chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(floor);
            chart.getStyler().setYAxisMax(yRange != null ? yRange[1] : logY ? 1.0 : 1.05);
            // below the plot: efficiencies fill the top and mistag rates the bottom, so no inside corner is free
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            for (int s = 0; s < series.size(); s++) {
                Binned e = series.get(s);
                Binning binning = e.binning();
                double[] eff = e.value();
                double[] lo = e.lower();
                double[] hi = e.upper();
                List<Double> cx = new ArrayList<>();
                List<Double> cy = new ArrayList<>();
                List<Double> bx = new ArrayList<>();
                List<Double> by = new ArrayList<>();
                for (int b = 0; b < binning.bins(); b++) {
                    if (Double.isNaN(eff[b]) || (logY && !(eff[b] > 0))) {
                        continue;
                    }
                    double c = binning.center(b);
                    cx.add(c);
                    cy.add(eff[b]);
                    addSegment(bx, by, c, Math.max(lo[b], floor), c, Math.min(hi[b], yRange != null ? yRange[1]
                        : Double.POSITIVE_INFINITY));
                    addSegment(bx, by, binning.lower(b), eff[b], binning.upper(b), eff[b]);
                }
                if (cx.isEmpty()) {
                    continue;
                }
                XYSeries markers = chart.addSeries(series.name(s), cx, cy);
                markers.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                markers.setMarker(SeriesMarkers.CIRCLE);
                markers.setMarkerColor(PlotStyle.color(s));
                XYSeries bars = chart.addSeries(series.name(s) + " (bars)", bx, by);
                bars.setMarker(SeriesMarkers.NONE);
                bars.setLineColor(PlotStyle.color(s));
                bars.setLineStyle(PlotStyle.THIN_LINE);
                bars.setShowInLegend(false);
            }
            return new EfficiencyPlot(Figure.of(chart, title, subtitle));
        }
    }

    /** Appends a line segment followed by a NaN point, which breaks the line before the next segment. */
    private static void addSegment(List<Double> x, List<Double> y, double x0, double y0, double x1, double y1) {
        x.add(x0);
        y.add(y0);
        x.add(x1);
        y.add(y1);
        x.add(x1);
        y.add(Double.NaN);
    }
}
