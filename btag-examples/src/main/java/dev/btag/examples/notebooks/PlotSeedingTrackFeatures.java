package dev.btag.examples.notebooks;

import dev.btag.data.schema.JetArray;
import dev.btag.models.inputs.InputPlots;
import java.io.IOException;
import java.util.EnumSet;

/**
 * Notebook 2, {@code plot_seedingTrackFeatures.ipynb}: the per-jet arrays — the 10 seeding tracks × 21 variables
 * ({@code arr_1}), and likewise the neutral and charged candidates, secondary vertices and DeepVertex inputs
 * ({@code arr_2} to {@code arr_5}) — as normalised histograms per flavour. Only filled rows are histogrammed (the
 * zero padding of jets with fewer tracks is left out), which the notebook does by masking on the counts in
 * {@code arr_0}.
 */
public final class PlotSeedingTrackFeatures {

    private PlotSeedingTrackFeatures() {
    }

    /**
     * Runs the notebook.
     *
     * @param options the files and output directory (plots go to {@code OUT/track-features})
     * @return what was plotted
     * @throws IOException if a file cannot be read or written
     */
    public static InputPlots.Result run(NotebookOptions options) throws IOException {
        InputPlots.Result result = InputPlots.write(options.files().train(), options.out().resolve("track-features"),
            EnumSet.complementOf(EnumSet.of(JetArray.JETS)));
        System.out.println("plotted " + result.variables().size() + " per-jet array variables: " + result.index());
        return result;
    }

    /**
     * Command-line entry point; options as in {@link NotebookOptions}.
     *
     * @param args the arguments
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        run(NotebookOptions.parse(args));
    }
}
