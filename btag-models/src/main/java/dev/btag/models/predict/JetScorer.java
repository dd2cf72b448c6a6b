package dev.btag.models.predict;

import ai.djl.translate.TranslateException;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.TutorialFile;

/**
 * Anything that gives class probabilities for jets, wherever it runs: a btag tagger on the PyTorch engine
 * ({@link TaggerPredictor}) or an ONNX model in ONNX Runtime ({@code dev.btag.models.onnx.OnnxTagger}). Evaluation,
 * prediction files and benchmarks take a scorer, so they treat both alike.
 *
 * <p>Implementations say whether they are thread-safe; both of btag's are.
 */
public interface JetScorer extends AutoCloseable {

    /**
     * Returns the name to give the scorer in results (for example {@code lstm}, or an ONNX file's name).
     *
     * @return the name
     */
    String name();

    /**
     * Returns the number of classes of each prediction.
     *
     * @return 6 for the tutorial's classes
     */
    int classes();

    /**
     * Predicts class probabilities of a block of jets.
     *
     * @param inputs raw (unstandardised) features and, where the scorer reads them, tracks
     * @return N x {@link #classes()} probabilities, row-major
     * @throws IllegalArgumentException if the array lengths do not fit N and the scorer's inputs
     * @throws TranslateException if the engine fails (ONNX Runtime's errors are wrapped in one too)
     */
    float[] predict(JetInputs inputs) throws TranslateException;

    /**
     * Predicts every jet of a tutorial-layout file.
     *
     * @param file an open file (not closed)
     * @return one row per jet, in file order
     * @throws IllegalArgumentException if the scorer reads features the file does not have (the message names it)
     * @throws TranslateException if the engine fails
     */
    default Predictions predict(TutorialFile file) throws TranslateException {
        return predict(file, 0, file.jetCountAsInt());
    }

    /**
     * Predicts the jets {@code [from, to)} of a tutorial-layout file, reading only those rows. The rows are
     * predicted in the same forward passes as by {@link #predict(TutorialFile)} when {@code from} is a multiple of
     * the scorer's batch size, so their probabilities are then bit for bit those of the whole file's prediction
     * (this is how a distributed job splits a file into row ranges).
     *
     * @param file an open file (not closed)
     * @param from the first row, in [0, jets]
     * @param to one past the last row, in [from, jets]
     * @return {@code to - from} rows of predictions, in file order
     * @throws IllegalArgumentException if the range is outside the file, or the scorer reads features the file does
     *     not have (the message names the file)
     * @throws TranslateException if the engine fails
     */
    Predictions predict(TutorialFile file, int from, int to) throws TranslateException;

    /**
     * Predicts the jets {@code [from, to)} of a file read through a layout: its features and the collections the
     * scorer reads, found by name in the file's layout.
     *
     * @param file an open file (not closed)
     * @param from the first row, in [0, jets]
     * @param to one past the last row, in [from, jets]
     * @return {@code to - from} rows of predictions, in file order
     * @throws IllegalArgumentException if the range is outside the file, or the file's layout declares other inputs
     *     than the scorer reads (the message names the file, the input and the field)
     * @throws TranslateException if the engine fails
     */
    Predictions predict(JetFile file, int from, int to) throws TranslateException;

    /**
     * Checks a row range of a file.
     *
     * @param file the file
     * @param from the first row
     * @param to one past the last row
     * @throws IllegalArgumentException unless {@code 0 <= from <= to <= jets} (the message names the file)
     */
    static void checkRange(TutorialFile file, int from, int to) {
        long n = file.jetCount();
        if (from < 0 || to < from || to > n) {
            throw new IllegalArgumentException(file.path() + ": rows [" + from + ", " + to + ") are outside the "
                + n + " jets of the file");
        }
    }

    /** Frees what the scorer holds; call it once no thread is predicting any more. */
    @Override
    void close();
}
