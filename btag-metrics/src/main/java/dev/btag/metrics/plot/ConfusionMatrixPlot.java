package dev.btag.metrics.plot;

import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.confusion.Normalization;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * A confusion matrix as a heatmap with the number written in each cell: true classes as rows (the first at the top),
 * predicted classes as columns, as scikit-learn's {@code ConfusionMatrixDisplay} draws it.
 */
public final class ConfusionMatrixPlot implements Plot {

    private final Figure figure;

    private ConfusionMatrixPlot(Figure figure) {
        this.figure = figure;
    }

    /**
     * Starts a confusion-matrix plot with axis titles "predicted class" and "true class" and two decimals in the
     * cells.
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

    /** Collects the matrix and options of a {@link ConfusionMatrixPlot}. */
    public static final class Builder extends PlotBuilder<Builder> {

        private double[][] values;
        private List<String> classNames;
        private String pattern = "0.00";

        private Builder() {
            super("predicted class", "true class");
            width = 700;
            height = 650;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the matrix to draw: {@code values[t][p]} is the entry for true class {@code t} and predicted class
         * {@code p} (counts, or fractions after normalisation).
         *
         * @param values a square matrix of finite numbers, one row per class
         * @param classNames the class names, in row order
         * @return this builder
         * @throws IllegalArgumentException if the matrix is not square, does not match the names, or holds a value
         *     that is not finite (the message names the cell)
         */
        public Builder matrix(double[][] values, List<String> classNames) {
            int n = classNames.size();
            if (n == 0 || values.length != n) {
                throw new IllegalArgumentException(
                    "the matrix has " + values.length + " rows for " + n + " class names; it must have one per class");
            }
            double[][] copy = new double[n][];
            for (int t = 0; t < n; t++) {
                if (values[t].length != n) {
                    throw new IllegalArgumentException("row " + t + " has " + values[t].length + " entries, not " + n);
                }
                copy[t] = values[t].clone();
                for (int p = 0; p < n; p++) {
                    if (!Double.isFinite(copy[t][p])) {
                        throw new IllegalArgumentException("cell [" + t + "][" + p + "] is " + copy[t][p]);
                    }
                }
            }
            this.values = copy;
            this.classNames = List.copyOf(classNames);
            return this;
        }

        /**
         * Draws a confusion matrix normalised as asked, with two decimals in the cells.
         *
         * @param matrix the confusion matrix
         * @param normalization how to normalise it
         * @return this builder
         */
        public Builder matrix(ConfusionMatrix matrix, Normalization normalization) {
            this.pattern = "0.00";
            return matrix(matrix.normalized(normalization), matrix.classNames());
        }

        /**
         * Draws the counts of a confusion matrix, as integers in the cells.
         *
         * @param matrix the confusion matrix
         * @return this builder
         */
        public Builder counts(ConfusionMatrix matrix) {
            long[][] counts = matrix.counts();
            double[][] values = new double[counts.length][];
            for (int t = 0; t < counts.length; t++) {
                values[t] = java.util.Arrays.stream(counts[t]).asDoubleStream().toArray();
            }
            this.pattern = "0";
            return matrix(values, matrix.classNames());
        }

        /**
         * Sets how the numbers in the cells are formatted, as a {@link java.text.DecimalFormat} pattern; the default
         * {@code "0.00"} suits normalised matrices, {@code "0"} suits counts.
         *
         * @param pattern the pattern
         * @return this builder
         */
        public Builder optValuePattern(String pattern) {
            this.pattern = pattern;
            return this;
        }

        /**
         * Draws the plot.
         *
         * @return the plot
         * @throws IllegalStateException if no matrix was set
         */
        public ConfusionMatrixPlot build() {
            if (values == null) {
                throw new IllegalStateException("no matrix set; call matrix(values, classNames)");
            }
            int n = classNames.size();
            // (w, h) alone leaves the styler unset
            HeatMapChart chart = new HeatMapChart(width, height, Styler.ChartTheme.XChart);
            chart.setXAxisTitle(xTitle);
            chart.setYAxisTitle(yTitle);
            HeatMapStyler styler = chart.getStyler();
            PlotStyle.apply(styler);
            styler.setLegendPosition(Styler.LegendPosition.OutsideE);
            styler.setPlotGridLinesVisible(false);
            styler.setShowValue(true);
            styler.setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            styler.setValueFontColor(Color.BLACK);
            styler.setHeatMapValueDecimalPattern(pattern);
            styler.setRangeColors(new Color[] {Color.WHITE, new Color(0x9E, 0xCA, 0xE1), new Color(0x42, 0x92, 0xC6)});
            styler.setDrawBorder(true);
            double max = 0;
            List<Number[]> heat = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                for (int p = 0; p < n; p++) {
                    // rows from the top: true class t is drawn at y index n - 1 - t
                    heat.add(new Number[] {p, n - 1 - t, values[t][p]});
                    max = Math.max(max, values[t][p]);
                }
            }
            // XChart prints the colour bar's ends with Double.toString: keep them round (0.87, not 0.8622305...)
            double min = minimum(values);
            styler.setMin(min < 0 ? -PlotStyle.roundUp(-min) : 0);
            styler.setMax(PlotStyle.roundUp(max));
            List<String> reversed = new ArrayList<>(classNames);
            java.util.Collections.reverse(reversed);
            chart.addSeries("confusion", classNames, reversed, heat);
            return new ConfusionMatrixPlot(Figure.of(chart, title, subtitle));
        }

        private static double minimum(double[][] m) {
            double min = Double.POSITIVE_INFINITY;
            for (double[] row : m) {
                for (double v : row) {
                    min = Math.min(min, v);
                }
            }
            return min;
        }
    }
}
