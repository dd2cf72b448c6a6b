package dev.btag.metrics.plot;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.binning.Histogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Normalised histograms of one variable for several categories (for example b, c, light and gluon jets) overlaid as
 * step lines, on a linear or logarithmic y axis: each category's bins hold the fraction of its non-NaN entries.
 *
 * <p>Entries outside the binning are never hidden: by default the underflow is added to the first bin and the
 * overflow to the last (the x-axis title says so), and each legend entry states the fractions below and above the
 * range and the number of NaN entries when there are any. Without an explicit binning, the range runs from the 0.5%
 * to the 99.5% quantile of all categories together, with unit-wide bins centred on integers when every value is an
 * integer (counts such as the number of tracks).
 */
public final class HistogramPlot implements Plot {

    private static final double QUANTILE = 0.005;

    private final Figure figure;
    private final Binning binning;

    private HistogramPlot(Figure figure, Binning binning) {
        this.figure = figure;
        this.binning = binning;
    }

    /**
     * Starts a histogram plot with axis titles "value" and "fraction of entries", a linear y axis, 50 bins over an
     * automatic range and out-of-range entries added to the edge bins.
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
     * The binning the plot used (given or automatic).
     *
     * @return the binning
     */
    public Binning binning() {
        return binning;
    }

    /** Collects the categories and options of a {@link HistogramPlot}. */
    public static final class Builder extends XyPlotBuilder<Builder> {

        private final NamedSeries<double[]> categories = new NamedSeries<>("category");
        private Binning binning;
        private int bins = 50;
        private boolean fold = true;

        private Builder() {
            super("value", "fraction of entries", false);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Adds the values of one category.
         *
         * @param name the legend entry, unique within the plot
         * @param categoryValues the values; NaN entries are counted apart, infinities are out of range
         * @return this builder
         * @throws IllegalArgumentException if the name was already used
         */
        public Builder addCategory(String name, double[] categoryValues) {
            categories.add(name, categoryValues.clone());
            return this;
        }

        /**
         * Adds the {@code float} values of one category (converted exactly to double).
         *
         * @param name the legend entry, unique within the plot
         * @param categoryValues the values
         * @return this builder
         * @throws IllegalArgumentException if the name was already used
         */
        public Builder addCategory(String name, float[] categoryValues) {
            double[] d = new double[categoryValues.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = categoryValues[i];
            }
            return addCategory(name, d);
        }

        /**
         * Uses the given bins instead of an automatic range.
         *
         * @param binning the bins
         * @return this builder
         */
        public Builder optBinning(Binning binning) {
            this.binning = binning;
            return this;
        }

        /**
         * Sets the number of bins of the automatic binning (default 50; ignored with {@link #optBinning(Binning)}).
         *
         * @param bins the number of bins, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code bins < 1}
         */
        public Builder optBins(int bins) {
            if (bins < 1) {
                throw new IllegalArgumentException("bins must be at least 1, got " + bins);
            }
            this.bins = bins;
            return this;
        }

        /**
         * Chooses whether underflow and overflow are added to the first and last bins (default) or only reported in
         * the legend.
         *
         * @param fold whether to add out-of-range entries to the edge bins
         * @return this builder
         */
        public Builder optFoldOutOfRange(boolean fold) {
            this.fold = fold;
            return this;
        }

        /**
         * Draws the plot.
         *
         * @return the plot
         * @throws IllegalStateException if no category was added, or no category has a finite value and no binning
         *     was given
         */
        public HistogramPlot build() {
            if (categories.isEmpty()) {
                throw new IllegalStateException("a histogram plot needs at least one category");
            }
            Binning used = binning != null ? binning : automaticBinning(categories.values(), bins);
            String x = fold ? xTitle + " (under/overflow in first/last bin)" : xTitle;
            XYChart chart = PlotStyle.xyChart(this);
            chart.setXAxisTitle(x);
            double[] range = PlotStyle.niceRange(used.lower(0), used.upper(used.bins() - 1));
            chart.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]);
            double smallest = Double.POSITIVE_INFINITY;
            double largest = 0;
            for (int c = 0; c < categories.size(); c++) {
                Histogram h = Histogram.of(used, categories.get(c));
                double total = h.total();
                double[] fractions = h.counts();
                for (int b = 0; b < fractions.length; b++) {
                    fractions[b] = total > 0 ? fractions[b] / total : 0;
                }
                double under = total > 0 ? h.underflow() / total : 0;
                double over = total > 0 ? h.overflow() / total : 0;
                if (fold) {
                    fractions[0] += under;
                    fractions[fractions.length - 1] += over;
                }
                for (double f : fractions) {
                    if (f > 0) {
                        smallest = Math.min(smallest, f);
                    }
                    largest = Math.max(largest, f);
                }
                double[][] xy = steps(used, fractions, logY);
                XYSeries series = chart.addSeries(legend(categories.name(c), under, over, h.nan()), xy[0], xy[1]);
                series.setMarker(SeriesMarkers.NONE);
                series.setLineColor(PlotStyle.color(c));
                series.setLineStyle(PlotStyle.LINE);
            }
            if (logY && smallest < Double.POSITIVE_INFINITY) {
                double floor = Math.pow(10, Math.floor(Math.log10(smallest)));
                chart.getStyler().setYAxisMin(floor);
                PlotStyle.labelShortLogAxis(chart, floor, largest);
            } else if (!logY) {
                chart.getStyler().setYAxisMin(0.0);
            }
            return new HistogramPlot(Figure.of(chart, title, subtitle), used);
        }
    }

    private static String legend(String name, double under, double over, double nan) {
        StringBuilder s = new StringBuilder(name);
        List<String> notes = new ArrayList<>();
        if (under > 0) {
            notes.add(percent(under) + " under");
        }
        if (over > 0) {
            notes.add(percent(over) + " over");
        }
        if (nan > 0) {
            notes.add((long) nan + " NaN");
        }
        if (!notes.isEmpty()) {
            s.append(" (").append(String.join(", ", notes)).append(')');
        }
        return s.toString();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, fraction < 0.001 ? "%.2g%%" : "%.1f%%", 100 * fraction);
    }

    /** Step-line points of a histogram: two per bin, dropping to zero at both ends on a linear axis. */
    private static double[][] steps(Binning binning, double[] heights, boolean logY) {
        int n = heights.length;
        int points = 2 * n + (logY ? 0 : 2);
        double[] x = new double[points];
        double[] y = new double[points];
        int k = 0;
        if (!logY) {
            x[k] = binning.lower(0);
            y[k++] = 0;
        }
        for (int b = 0; b < n; b++) {
            double h = logY && heights[b] <= 0 ? Double.NaN : heights[b]; // NaN leaves a gap on a log axis
            x[k] = binning.lower(b);
            y[k++] = h;
            x[k] = binning.upper(b);
            y[k++] = h;
        }
        if (!logY) {
            x[k] = binning.upper(n - 1);
            y[k] = 0;
        }
        return new double[][] {x, y};
    }

    /**
     * The automatic binning: from the 0.5% to the 99.5% quantile of all finite values; unit bins centred on integers
     * when all values are integers and the range has at most {@code bins} integers.
     */
    static Binning automaticBinning(List<double[]> categories, int bins) {
        int n = 0;
        for (double[] v : categories) {
            n += v.length;
        }
        double[] all = new double[n];
        int k = 0;
        boolean integers = true;
        for (double[] v : categories) {
            for (double d : v) {
                if (Double.isFinite(d)) {
                    all[k++] = d;
                    integers &= d == Math.rint(d);
                }
            }
        }
        if (k == 0) {
            throw new IllegalStateException("no category has a finite value; give the binning explicitly");
        }
        all = Arrays.copyOf(all, k);
        Arrays.sort(all);
        double lo = all[(int) Math.floor(QUANTILE * (k - 1))];
        double hi = all[(int) Math.ceil((1 - QUANTILE) * (k - 1))];
        if (integers) {
            int width = (int) Math.max(1, Math.ceil((hi - lo + 1) / bins));
            int count = (int) Math.ceil((hi - lo + 1) / width);
            return Binning.uniform(count, lo - 0.5, lo - 0.5 + (double) count * width);
        }
        if (hi == lo) {
            return Binning.uniform(1, lo - 0.5, lo + 0.5);
        }
        return Binning.uniform(bins, lo, Math.nextUp(hi));
    }
}
