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

        private final NamedSeries<BinnedEfficiency> series = new NamedSeries<>("series");

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
            series.add(name, efficiency);
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
            for (BinnedEfficiency e : series.values()) {
                for (double v : e.efficiency()) {
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
            chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(floor);
            chart.getStyler().setYAxisMax(logY ? 1.0 : 1.05);
            // below the plot: efficiencies fill the top and mistag rates the bottom, so no inside corner is free
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            for (int s = 0; s < series.size(); s++) {
                BinnedEfficiency e = series.get(s);
                Binning binning = e.binning();
                double[] eff = e.efficiency();
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
                    addSegment(bx, by, c, Math.max(lo[b], floor), c, hi[b]);
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
