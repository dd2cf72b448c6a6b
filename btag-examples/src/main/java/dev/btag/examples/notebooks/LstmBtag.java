package dev.btag.examples.notebooks;

import ai.djl.translate.TranslateException;
import dev.btag.models.Architecture;
import java.io.IOException;

/**
 * Notebook 5, {@code lstm_btag.ipynb}: an LSTM(64) reads the 10 seeding tracks in order, its last output joined with
 * the 15 jet inputs feeds the same dense head as notebook 4; 99,122 parameters in Keras (PyTorch's LSTM has a second
 * bias per gate: 256 more).
 *
 * <p>Training and evaluation follow the notebooks (see {@link TaggerNotebook}); outputs go to {@code OUT/lstm}.
 */
public final class LstmBtag {

    private LstmBtag() {
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
        return TaggerNotebook.run(Architecture.LSTM, options);
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
