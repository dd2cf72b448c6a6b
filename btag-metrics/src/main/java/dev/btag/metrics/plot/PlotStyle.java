package dev.btag.metrics.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one look shared by every plot: a colour-blind-safe palette (Okabe&ndash;Ito), fonts, a white background and
 * light grid lines; plus the headless switch. Package-private: plots apply it, users restyle through
 * {@link Figure#chart()}.
 */
final class PlotStyle {

    static {
        requireHeadless();
    }

    /** Okabe&ndash;Ito colours, distinguishable with the common colour-vision deficiencies. */
    private static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), // blue
        new Color(0xD5, 0x5E, 0x00), // vermillion
        new Color(0x00, 0x9E, 0x73), // bluish green
        new Color(0xE6, 0x9F, 0x00), // orange
        new Color(0xCC, 0x79, 0xA7), // reddish purple
        new Color(0x56, 0xB4, 0xE9), // sky blue
        new Color(0x00, 0x00, 0x00), // black
        new Color(0xF0, 0xE4, 0x42), // yellow
    };

    static final Font BASE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final BasicStroke LINE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
    static final BasicStroke THIN_LINE = new BasicStroke(1.2f);

    private PlotStyle() {
    }

    /** Sets {@code java.awt.headless=true} unless the property is already set; plots never open windows. */
    static void requireHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * The colour of the i-th series; the palette repeats after 8.
     *
     * @param i the series index, 0 or more
     * @return its colour
     */
    static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * A new XY chart in the shared style.
     *
     * @param options the builder's common options (size, axis titles, log y)
     * @return the chart, without series
     */
    static XYChart xyChart(XyPlotBuilder<?> options) {
        XYChart chart = new XYChart(options.width, options.height);
        chart.setXAxisTitle(options.xTitle);
        chart.setYAxisTitle(options.yTitle);
        apply(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(options.logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return chart;
    }

    /**
     * Applies the shared look to an axes chart's styler.
     *
     * @param styler the styler
     */
    static void apply(AxesChartStyler styler) {
        styler.setBaseFont(BASE_FONT);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.DARK_GRAY);
        styler.setPlotBorderVisible(true);
        styler.setPlotGridLinesColor(new Color(0xE0, 0xE0, 0xE0));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setAxisTitleFont(AXIS_TITLE_FONT);
        styler.setAxisTickLabelsFont(BASE_FONT);
        styler.setLegendFont(BASE_FONT);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setChartPadding(12);
        styler.setAntiAlias(true);
        styler.setSeriesColors(PALETTE);
    }

    /**
     * On a logarithmic y axis spanning less than two decades, labels the 2..9 ticks too; otherwise XChart may label
     * a single tick. Does nothing useful on a linear axis.
     *
     * @param chart the chart
     * @param smallest the smallest positive y value drawn
     * @param largest the largest y value drawn
     */
    static void labelShortLogAxis(XYChart chart, double smallest, double largest) {
        chart.getStyler().setYAxisLogarithmicDecadeOnly(!(largest / smallest < 100));
    }

    /**
     * Widens {@code [lo, hi]} to multiples of a round step (1, 2 or 5 times a power of ten, about a tenth of the
     * range), so that XChart's axis ticks fall on round numbers.
     *
     * @param lo the lower end
     * @param hi the upper end, greater than {@code lo}
     * @return {@code {niceLo, niceHi}}
     */
    static double[] niceRange(double lo, double hi) {
        double raw = (hi - lo) / 10;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / magnitude < 2 ? magnitude : raw / magnitude < 5 ? 2 * magnitude : 5 * magnitude;
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    /**
     * A number rounded for a label: {@code significant} significant digits, trailing zeros dropped, plain notation
     * from 1e-4 to 1e6 and scientific notation outside ({@code 1.2e-05}); Locale.ROOT.
     *
     * @param value the value
     * @param significant the number of significant digits, at least 1
     * @return the label, for example {@code 0.86} for 0.862230552952024 with 2 digits
     */
    static String label(double value, int significant) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "" : value > 0 ? "\u221e" : "-\u221e";
        }
        if (value == 0) {
            return "0";
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(value)
            .round(new java.math.MathContext(significant, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-4 && magnitude < 1e6) {
            return rounded.toPlainString();
        }
        String s = String.format(java.util.Locale.ROOT, "%." + (significant - 1) + "e", rounded.doubleValue());
        String mantissa = s.substring(0, s.indexOf('e'));
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + s.substring(s.indexOf('e'));
    }

    /**
     * Rounds a colour-bar or axis maximum up to a round number with two significant digits, so that the label XChart
     * prints is short (XChart prints a heat map's range with {@code Double.toString}).
     *
     * @param max the largest value shown, positive
     * @return a round number at least {@code max}, for example 0.87 for 0.8622
     */
    static double roundUp(double max) {
        if (!(max > 0) || Double.isInfinite(max)) {
            return 1;
        }
        double scale = Math.pow(10, Math.floor(Math.log10(max)) - 1);
        double up = Math.ceil(max / scale - 1e-9) * scale;
        return Double.parseDouble(label(up, 2));
    }
}
