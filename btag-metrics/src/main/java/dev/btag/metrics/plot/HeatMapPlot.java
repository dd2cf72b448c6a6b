package dev.btag.metrics.plot;

import dev.btag.metrics.binning.Binning;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * A table of values over two binned variables drawn as a heat map with the value printed in each cell, for example a
 * b-tagging efficiency map over jet p<sub>T</sub> (rows, the first at the bottom) and |&eta;| (columns). Cell values
 * and the colour bar's ends are rounded (three significant digits in the cells by default, two at the colour bar's
 * ends); cells whose value is NaN (empty bins) are left blank.
 */
public final class HeatMapPlot implements Plot {

    private final Figure figure;

    private HeatMapPlot(Figure figure) {
        this.figure = figure;
    }

    /**
     * Starts a heat map with axis titles "x" and "y".
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

    /**
     * Labels for the bins of a binning, for example {@code 20–30} and, when the last bin takes the overflow,
     * {@code ≥ 300}. Edges are rounded to four significant digits.
     *
     * @param binning the bins
     * @param lastTakesOverflow whether the last bin extends to infinity
     * @return one label per bin
     */
    public static List<String> binLabels(Binning binning, boolean lastTakesOverflow) {
        List<String> labels = new ArrayList<>(binning.bins());
        for (int b = 0; b < binning.bins(); b++) {
            String lo = PlotStyle.label(binning.lower(b), 4);
            if (lastTakesOverflow && b == binning.bins() - 1) {
                labels.add("\u2265 " + lo);
            } else {
                labels.add(lo + "\u2013" + PlotStyle.label(binning.upper(b), 4));
            }
        }
        return labels;
    }

    /** Collects the table and options of a {@link HeatMapPlot}. */
    public static final class Builder extends PlotBuilder<Builder> {

        private double[][] values;
        private List<String> rowLabels;
        private List<String> columnLabels;
        private int significant = 3;
        private Double min;
        private Double max;

        private Builder() {
            super("x", "y");
            width = 800;
            height = 650;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the table: {@code values[row][column]}; rows go along the y axis (the first at the bottom), columns
         * along the x axis.
         *
         * @param values the values, NaN for cells left blank
         * @param rowLabels one label per row, for example {@link HeatMapPlot#binLabels(Binning, boolean)}
         * @param columnLabels one label per column
         * @return this builder
         * @throws IllegalArgumentException if the shape does not match the labels or a value is infinite (the
         *     message names the cell)
         */
        public Builder values(double[][] values, List<String> rowLabels, List<String> columnLabels) {
            if (values.length != rowLabels.size() || rowLabels.isEmpty() || columnLabels.isEmpty()) {
                throw new IllegalArgumentException("the table has " + values.length + " rows for "
                    + rowLabels.size() + " row labels; need at least one row and one column");
            }
            double[][] copy = new double[values.length][];
            for (int r = 0; r < values.length; r++) {
                if (values[r].length != columnLabels.size()) {
                    throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values for "
                        + columnLabels.size() + " column labels");
                }
                copy[r] = values[r].clone();
                for (int c = 0; c < copy[r].length; c++) {
                    if (Double.isInfinite(copy[r][c])) {
                        throw new IllegalArgumentException("cell [" + r + "][" + c + "] is " + copy[r][c]);
                    }
                }
            }
            this.values = copy;
            this.rowLabels = List.copyOf(rowLabels);
            this.columnLabels = List.copyOf(columnLabels);
            return this;
        }

        /**
         * Sets the number of significant digits printed in the cells (default 3).
         *
         * @param significant 1 to 10
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder optSignificantDigits(int significant) {
            if (significant < 1 || significant > 10) {
                throw new IllegalArgumentException("significant digits must be 1 to 10, got " + significant);
            }
            this.significant = significant;
            return this;
        }

        /**
         * Fixes the colour scale instead of rounding the data's range (for example 0 to 1 for efficiencies).
         *
         * @param min the value drawn white
         * @param max the value drawn darkest, greater than {@code min}
         * @return this builder
         * @throws IllegalArgumentException if the range is empty or not finite
         */
        public Builder optRange(double min, double max) {
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
                throw new IllegalArgumentException("colour range [" + min + ", " + max + "] must be finite and"
                    + " non-empty");
            }
            this.min = min;
            this.max = max;
            return this;
        }

        /**
         * Draws the plot.
         *
         * @return the plot
         * @throws IllegalStateException if no table was set
         */
        public HeatMapPlot build() {
            if (values == null) {
                throw new IllegalStateException("no table set; call values(values, rowLabels, columnLabels)");
            }
            HeatMapChart chart = new HeatMapChart(width, height, Styler.ChartTheme.XChart);
            chart.setXAxisTitle(xTitle);
            chart.setYAxisTitle(yTitle);
            HeatMapStyler styler = chart.getStyler();
            PlotStyle.apply(styler);
            styler.setLegendPosition(Styler.LegendPosition.OutsideE);
            styler.setPlotGridLinesVisible(false);
            styler.setShowValue(true);
            styler.setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            styler.setValueFontColor(Color.BLACK);
            int digits = significant;
            styler.setHeatMapDecimalValueFormatter(v -> PlotStyle.label(v, digits)); // the colour bar's labels
            styler.setRangeColors(new Color[] {Color.WHITE, new Color(0x9E, 0xCA, 0xE1), new Color(0x42, 0x92, 0xC6)});
            styler.setDrawBorder(true);
            List<Number[]> heat = new ArrayList<>();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < values.length; r++) {
                for (int c = 0; c < values[r].length; c++) {
                    double v = values[r][c];
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    heat.add(new Number[] {c, r, v});
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (heat.isEmpty()) {
                lo = 0;
                hi = 1;
            }
            // the cells use a DecimalFormat pattern: as many decimals as the largest value needs for its digits
            double largest = Math.max(Math.abs(lo), Math.abs(hi));
            int decimals = largest > 0 ? Math.max(0, significant - 1 - (int) Math.floor(Math.log10(largest))) : 1;
            styler.setHeatMapValueDecimalPattern(decimals == 0 ? "0" : "0." + "0".repeat(decimals));
            styler.setMin(min != null ? min : lo < 0 ? -PlotStyle.roundUp(-lo) : 0);
            styler.setMax(max != null ? max : PlotStyle.roundUp(hi));
            chart.addSeries("values", columnLabels, rowLabels, heat);
            return new HeatMapPlot(Figure.of(chart, Objects.requireNonNullElse(title, ""), subtitle));
        }
    }
}
