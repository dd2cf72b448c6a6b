package dev.btag.examples.notebooks;

import ai.djl.translate.TranslateException;
import dev.btag.models.Architecture;
import java.io.IOException;

/**
 * Notebook 5 with the lecture's GRU cell: a GRU(64) over the 10 seeding tracks in place of the LSTM, with the same
 * dense head (PyTorch's GRU has a second bias per gate: 192 more parameters than Keras').
 *
 * <p>Training and evaluation follow the notebooks (see {@link TaggerNotebook}); outputs go to {@code OUT/gru}.
 */
public final class GruBtag {

    private GruBtag() {
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
        return TaggerNotebook.run(Architecture.GRU, options);
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
