package dev.btag.metrics.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Lines through x/y points, several series overlaid, on a linear or logarithmic y axis: for example the training and
 * validation loss per epoch.
 */
public final class LinePlot implements Plot {

    private final Figure figure;

    private LinePlot(Figure figure) {
        this.figure = figure;
    }

    /**
     * Starts a line plot with axis titles "x" and "y", a linear y axis and markers on the points.
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

    /** Collects the series and options of a {@link LinePlot}. */
    public static final class Builder extends XyPlotBuilder<Builder> {

        /** One series' points, copied. */
        private record Points(double[] x, double[] y) { }

        private final NamedSeries<Points> series = new NamedSeries<>("series");
        private boolean markers = true;

        private Builder() {
            super("x", "y", false);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Adds a series.
         *
         * @param name the legend entry, unique within the plot
         * @param x the x values, finite
         * @param y the y values, finite (and positive if the y axis is logarithmic), as many as {@code x}
         * @return this builder
         * @throws IllegalArgumentException if the lengths differ, the series is empty, a value is not finite (the
         *     message names the series and the index), or the name was already used
         */
        public Builder addSeries(String name, double[] x, double[] y) {
            if (name == null || x == null || y == null) {
                throw new NullPointerException("name, x and y must not be null");
            }
            series.checkNew(name);
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " values and y has "
                    + y.length + "; they must be equal and not zero");
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("series '" + name + "': point " + i + " is (" + x[i] + ", "
                        + y[i] + "); values must be finite");
                }
            }
            series.add(name, new Points(x.clone(), y.clone()));
            return this;
        }

        /**
         * Adds a series whose x values are 1, 2, 3, ... (for example epochs).
         *
         * @param name the legend entry
         * @param y the y values
         * @return this builder
         * @throws IllegalArgumentException as {@link #addSeries(String, double[], double[])}
         */
        public Builder addSeries(String name, double[] y) {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            return addSeries(name, x, y);
        }

        /**
         * Chooses whether the points get markers (default) or only lines.
         *
         * @param markers whether to draw markers
         * @return this builder
         */
        public Builder optMarkers(boolean markers) {
            this.markers = markers;
            return this;
        }

        /**
         * Draws the plot.
         *
         * @return the plot
         * @throws IllegalStateException if no series was added
         * @throws IllegalArgumentException if the y axis is logarithmic and a y value is not positive (the message
         *     names the series and the index)
         */
        public LinePlot build() {
            if (series.isEmpty()) {
                throw new IllegalStateException("a line plot needs at least one series");
            }
            XYChart chart = PlotStyle.xyChart(this);
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            for (Points points : series.values()) {
                for (double v : points.y()) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
            if (logY) {
                PlotStyle.labelShortLogAxis(chart, yMin, yMax);
            }
            for (int s = 0; s < series.size(); s++) {
                double[] y = series.get(s).y();
                if (logY) {
                    for (int i = 0; i < y.length; i++) {
                        if (!(y[i] > 0)) {
                            throw new IllegalArgumentException("series '" + series.name(s) + "': y[" + i + "] = " + y[i]
                                + " cannot be drawn on a logarithmic axis");
                        }
                    }
                }
                XYSeries line = chart.addSeries(series.name(s), series.get(s).x(), y);
                line.setLineColor(PlotStyle.color(s));
                line.setLineStyle(PlotStyle.LINE);
                line.setMarkerColor(PlotStyle.color(s));
                line.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            }
            return new LinePlot(Figure.of(chart, title, subtitle));
        }
    }
}
