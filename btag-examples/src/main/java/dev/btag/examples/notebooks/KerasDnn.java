package dev.btag.examples.notebooks;

import ai.djl.translate.TranslateException;
import dev.btag.models.Architecture;
import java.io.IOException;

/**
 * Notebook 3, {@code keras_DNN.ipynb}: a dense network on the 15 jet-level inputs — BatchNormalization, Dense 30, 30,
 * 20, 10 (ReLU, Dropout 0.1), Dense 6 softmax; 2,366 parameters as Keras counts them.
 *
 * <p>Training and evaluation follow the notebooks (see {@link TaggerNotebook}); outputs go to {@code OUT/dnn}.
 */
public final class KerasDnn {

    private KerasDnn() {
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
        return TaggerNotebook.run(Architecture.DNN, options);
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
