package dev.btag.examples.notebooks;

import ai.djl.translate.TranslateException;
import dev.btag.models.Architecture;
import java.io.IOException;

/**
 * Notebook 4, {@code CNN1x1_btag.ipynb}: 1x1 convolutions with 64, 32, 32 and 8 filters over the 10 seeding tracks × 21
 * variables (each track transformed alone, with shared weights), flattened to 80 values, joined with the 15 jet inputs,
 * then Dense 200 and five Dense 100 to 6 classes; 85,114 parameters.
 *
 * <p>Training and evaluation follow the notebooks (see {@link TaggerNotebook}); outputs go to {@code OUT/cnn1x1}.
 */
public final class Cnn1x1Btag {

    private Cnn1x1Btag() {
    }

    /**
     * Trains and evaluates the tagger, printing what the notebook shows.
     *
     * @param options files, output directory, epochs and seed
     * @return the training and evaluation results, with the model summary
     * @throws IOException if a file cannot be read or written
     * @throws TranslateException if the engine fails on a batch
     */
    public static TaggerNotebookResult run(NotebookOptions options) throws IOException, TranslateException {
        return TaggerNotebook.run(Architecture.CNN1X1, options);
    }

    /**
     * Command-line entry point; options as in {@link NotebookOptions}.
     *
     * @param args the arguments
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        run(NotebookOptions.parse(args));
    }
}
