package dev.btag.metrics.plot;

import dev.btag.metrics.calibration.ReliabilityDiagram;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Reliability diagrams: for each class the observed fraction of jets of that class against the mean predicted
 * probability in bins of the prediction, with Clopper&ndash;Pearson error bars, over the diagonal of perfect
 * calibration. The legend gives each class's expected calibration error. Empty bins are not drawn.
 */
public final class ReliabilityPlot implements Plot {

    private final Figure figure;

    private ReliabilityPlot(Figure figure) {
        this.figure = figure;
    }

    /**
     * Starts a reliability plot with axis titles "mean predicted probability" and "observed fraction".
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

    /** Collects the diagrams and options of a {@link ReliabilityPlot}. */
    public static final class Builder extends PlotBuilder<Builder> {

        private final NamedSeries<ReliabilityDiagram> diagrams = new NamedSeries<>("diagram");

        private Builder() {
            super("mean predicted probability", "observed fraction");
            width = 700;
            height = 650;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Adds a class's diagram; its legend entry is {@code name (ECE = 0.012)}.
         *
         * @param diagram the diagram, named after its class (unique within the plot)
         * @return this builder
         * @throws IllegalArgumentException if a diagram of that name was already added
         */
        public Builder addDiagram(ReliabilityDiagram diagram) {
            diagrams.add(diagram.name(), diagram);
            return this;
        }

        /**
         * Draws the plot.
         *
         * @return the plot
         * @throws IllegalStateException if no diagram was added
         */
        public ReliabilityPlot build() {
            if (diagrams.isEmpty()) {
                throw new IllegalStateException("a reliability plot needs at least one diagram");
            }
            XYChart chart = new XYChart(width, height);
            chart.setXAxisTitle(xTitle);
            chart.setYAxisTitle(yTitle);
            PlotStyle.apply(chart.getStyler());
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            XYSeries diagonal = chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
            diagonal.setMarker(SeriesMarkers.NONE);
            diagonal.setLineColor(Color.GRAY);
            diagonal.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
            for (int d = 0; d < diagrams.size(); d++) {
                ReliabilityDiagram r = diagrams.get(d);
                double[] x = r.meanPredicted();
                double[] y = r.observed();
                double[] lo = r.lower();
                double[] hi = r.upper();
                List<Double> px = new ArrayList<>();
                List<Double> py = new ArrayList<>();
                List<Double> bx = new ArrayList<>();
                List<Double> by = new ArrayList<>();
                for (int b = 0; b < x.length; b++) {
                    if (Double.isNaN(x[b]) || Double.isNaN(y[b])) {
                        continue;
                    }
                    px.add(x[b]);
                    py.add(y[b]);
                    bx.add(x[b]);
                    by.add(lo[b]);
                    bx.add(x[b]);
                    by.add(hi[b]);
                    bx.add(x[b]);
                    by.add(Double.NaN);
                }
                if (px.isEmpty()) {
                    continue;
                }
                Color colour = PlotStyle.color(d);
                XYSeries points = chart.addSeries(String.format(Locale.ROOT, "%s (ECE = %.3f)", r.name(),
                    r.expectedCalibrationError()), px, py);
                points.setMarker(SeriesMarkers.CIRCLE);
                points.setMarkerColor(colour);
                points.setLineColor(colour);
                points.setLineStyle(PlotStyle.THIN_LINE);
                XYSeries bars = chart.addSeries(r.name() + " (bars)", bx, by);
                bars.setMarker(SeriesMarkers.NONE);
                bars.setLineColor(colour);
                bars.setLineStyle(PlotStyle.THIN_LINE);
                bars.setShowInLegend(false);
            }
            return new ReliabilityPlot(Figure.of(chart, title, subtitle));
        }
    }
}
