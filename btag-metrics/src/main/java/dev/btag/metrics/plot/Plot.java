package dev.btag.metrics.plot;

import java.io.IOException;
import java.nio.file.Path;

/** A finished plot: its {@link Figure} and shortcuts to save it. */
public interface Plot {

    /**
     * The figure: the XChart chart under a title and optional subtitle.
     *
     * @return the figure
     */
    Figure figure();

    /**
     * Saves the plot as PNG or SVG, chosen by the file name's extension.
     *
     * @param file a path ending in {@code .png} or {@code .svg}
     * @return {@code file}
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the extension is neither
     */
    default Path save(Path file) throws IOException {
        return figure().save(file);
    }

    /**
     * Saves the plot as PNG.
     *
     * @param file the file to write; its parent directories are created
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    default Path savePng(Path file) throws IOException {
        return figure().savePng(file);
    }

    /**
     * Saves the plot as SVG.
     *
     * @param file the file to write; its parent directories are created
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    default Path saveSvg(Path file) throws IOException {
        return figure().saveSvg(file);
    }
}
