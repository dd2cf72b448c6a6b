package dev.btag.metrics.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dev.btag.io.AtomicOutput;
import dev.btag.io.FileChecks;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * An XChart chart (or several stacked vertically, such as a ROC curve over its ratio panel) drawn under a header with
 * a title and an optional subtitle, and saved as PNG or SVG. XChart has no subtitle, so the header is drawn here and
 * the charts' own titles are hidden.
 *
 * <p>This is the one place where plots are painted and written; every plot class builds its chart and wraps it in a
 * figure. The chart stays reachable through {@link #chart()} for further styling before saving. Files are written to
 * a temporary file next to the target and then renamed over it, so a reader never sees half an image.
 */
public final class Figure {

    /** The subtitle every output made from the synthetic sample carries. */
    public static final String SYNTHETIC_SAMPLE = "Synthetic sample \u2014 not CMS data";

    static {
        PlotStyle.requireHeadless();
        // encode PNGs in memory, not through a cache file in java.io.tmpdir (a full /tmp broke every plot)
        ImageIO.setUseCache(false);
    }

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.ITALIC, 13);
    private static final Color SUBTITLE_COLOR = new Color(0x55, 0x55, 0x55);
    private static final int PAD = 8;

    private final Chart<?, ?> chart;
    private final List<Chart<?, ?>> charts;
    private final double[] shares;
    private final String title;
    private final String subtitle;
    private final int width;
    private final int height;

    private Figure(List<Chart<?, ?>> charts, double[] shares, String title, String subtitle, int width, int height) {
        this.chart = charts.get(0);
        this.charts = charts;
        this.shares = shares;
        this.title = title;
        this.subtitle = subtitle;
        this.width = width;
        this.height = height;
    }

    /**
     * Wraps a chart. The chart's own title is hidden; {@code title} is drawn in the header instead.
     *
     * @param chart the chart; its width and height become the figure's
     * @param title the title, or {@code null} or blank for none
     * @param subtitle the subtitle drawn under the title, or {@code null} or blank for none
     * @return the figure
     */
    public static Figure of(Chart<?, ?> chart, String title, String subtitle) {
        if (chart == null) {
            throw new NullPointerException("chart is null");
        }
        chart.getStyler().setChartTitleVisible(false);
        return new Figure(List.of(chart), new double[] {1}, blankToNull(title), blankToNull(subtitle),
            chart.getWidth(), chart.getHeight());
    }

    /**
     * Stacks charts vertically under one header, for example a ROC curve over its ratio panel. Each chart gets a
     * share of the height below the header; their own titles are hidden.
     *
     * @param charts the charts, top first, at least one; the first chart's width is the figure's
     * @param shares the relative height of each chart, positive, one per chart
     * @param height the figure's height in pixels, header included
     * @param title the title, or {@code null}
     * @param subtitle the subtitle, or {@code null}
     * @return the figure
     * @throws IllegalArgumentException if there is no chart or the shares do not match
     */
    public static Figure stacked(List<? extends Chart<?, ?>> charts, double[] shares, int height, String title,
            String subtitle) {
        if (charts.isEmpty() || shares.length != charts.size()) {
            throw new IllegalArgumentException(charts.size() + " charts and " + shares.length
                + " shares; need at least one chart and one share each");
        }
        for (double share : shares) {
            if (!(share > 0)) {
                throw new IllegalArgumentException("chart shares must be positive, got " + share);
            }
        }
        charts.forEach(c -> c.getStyler().setChartTitleVisible(false));
        return new Figure(List.copyOf(charts), shares.clone(), blankToNull(title), blankToNull(subtitle),
            charts.get(0).getWidth(), height);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * The XChart chart, for styling beyond what the plot builders offer.
     *
     * @return the chart (mutable, shared with this figure)
     */
    public Chart<?, ?> chart() {
        return chart;
    }

    /**
     * The title drawn in the header.
     *
     * @return the title, empty if there is none
     */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /**
     * The subtitle drawn under the title.
     *
     * @return the subtitle, empty if there is none
     */
    public Optional<String> subtitle() {
        return Optional.ofNullable(subtitle);
    }

    /**
     * The figure's width.
     *
     * @return the width in pixels
     */
    public int width() {
        return width;
    }

    /**
     * The figure's height, header included.
     *
     * @return the height in pixels
     */
    public int height() {
        return height;
    }

    /**
     * Paints the header and the chart onto a graphics context.
     *
     * @param g where to paint; the figure covers {@code [0, width) x [0, height)}
     */
    public void paint(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = PAD;
        if (title != null) {
            y = drawCentered(g, title, TITLE_FONT, Color.BLACK, y);
        }
        if (subtitle != null) {
            y = drawCentered(g, subtitle, SUBTITLE_FONT, SUBTITLE_COLOR, y + 2);
        }
        int header = title == null && subtitle == null ? 0 : y;
        double sum = 0;
        for (double share : shares) {
            sum += share;
        }
        int top = header;
        for (int c = 0; c < charts.size(); c++) {
            int bottom = c == charts.size() - 1 ? height : top + (int) Math.round((height - header) * shares[c] / sum);
            Graphics2D chartGraphics = (Graphics2D) g.create();
            try {
                chartGraphics.translate(0, top);
                chartGraphics.clipRect(0, 0, width, bottom - top);
                charts.get(c).paint(chartGraphics, width, bottom - top);
            } finally {
                chartGraphics.dispose();
            }
            top = bottom;
        }
    }

    private int drawCentered(Graphics2D g, String text, Font font, Color color, int top) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics metrics = g.getFontMetrics();
        int x = Math.max(PAD, (width - metrics.stringWidth(text)) / 2);
        g.drawString(text, x, top + metrics.getAscent());
        return top + metrics.getHeight();
    }

    /**
     * Renders the figure to an image.
     *
     * @return an RGB image of {@link #width()} x {@link #height()} pixels
     */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Saves the figure as PNG.
     *
     * @param file the file to write; its parent directories are created
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public Path savePng(Path file) throws IOException {
        createParent(file);
        BufferedImage image = toImage();
        AtomicOutput.write(file, out -> {
            BufferedOutputStream buffered = new BufferedOutputStream(out);
            if (!ImageIO.write(image, "png", buffered)) {
                throw new IOException(file + ": no PNG writer available");
            }
            buffered.flush();
        });
        return file;
    }

    /**
     * Saves the figure as SVG (vector graphics, with VectorGraphics2D).
     *
     * @param file the file to write; its parent directories are created
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public Path saveSvg(Path file) throws IOException {
        createParent(file);
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        AtomicOutput.write(file, out -> {
            BufferedOutputStream buffered = new BufferedOutputStream(out);
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(buffered);
            buffered.flush();
        });
        return file;
    }

    /**
     * Saves the figure as PNG or SVG, chosen by the extension of the file name (case-insensitive).
     *
     * @param file a path ending in {@code .png} or {@code .svg}
     * @return {@code file}
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the extension is neither
     */
    public Path save(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return savePng(file);
        }
        if (name.endsWith(".svg")) {
            return saveSvg(file);
        }
        throw new IllegalArgumentException(file + ": unknown plot format; use a name ending in .png or .svg");
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            FileChecks.createDirectories(parent);
        }
    }
}
