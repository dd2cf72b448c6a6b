package dev.btag.metrics.plot;

/**
 * Options of the plots with numeric x and y axes: those of {@link PlotBuilder} plus a logarithmic y axis.
 *
 * @param <B> the concrete builder, returned by the setters for chaining
 */
public abstract class XyPlotBuilder<B extends XyPlotBuilder<B>> extends PlotBuilder<B> {

    boolean logY;

    XyPlotBuilder(String xTitle, String yTitle, boolean logY) {
        super(xTitle, yTitle);
        this.logY = logY;
    }

    /**
     * Chooses a logarithmic or linear y axis.
     *
     * @param logY whether the y axis is logarithmic
     * @return this builder
     */
    public B optLogY(boolean logY) {
        this.logY = logY;
        return self();
    }
}
