package dev.btag.metrics.plot;

/**
 * Options every plot builder shares: title, subtitle, size in pixels and axis titles.
 *
 * @param <B> the concrete builder, returned by the setters for chaining
 */
public abstract class PlotBuilder<B extends PlotBuilder<B>> {

    String title;
    String subtitle;
    int width = 800;
    int height = 600;
    String xTitle;
    String yTitle;

    PlotBuilder(String xTitle, String yTitle) {
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    /**
     * The concrete builder.
     *
     * @return this builder
     */
    abstract B self();

    /**
     * Sets the title drawn above the plot.
     *
     * @param title the title, or {@code null} for none
     * @return this builder
     */
    public B optTitle(String title) {
        this.title = title;
        return self();
    }

    /**
     * Sets the subtitle drawn under the title, for example {@link Figure#SYNTHETIC_SAMPLE}.
     *
     * @param subtitle the subtitle, or {@code null} for none
     * @return this builder
     */
    public B optSubtitle(String subtitle) {
        this.subtitle = subtitle;
        return self();
    }

    /**
     * Sets the size of the image; the default is 800 x 600.
     *
     * @param width width in pixels, at least 200
     * @param height height in pixels (header included), at least 150
     * @return this builder
     * @throws IllegalArgumentException if the size is too small to draw a plot
     */
    public B optSize(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("plot size " + width + " x " + height + " is too small (min 200 x 150)");
        }
        this.width = width;
        this.height = height;
        return self();
    }

    /**
     * Sets the axis titles.
     *
     * @param xTitle the x-axis title
     * @param yTitle the y-axis title
     * @return this builder
     */
    public B optAxisTitles(String xTitle, String yTitle) {
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        return self();
    }
}
