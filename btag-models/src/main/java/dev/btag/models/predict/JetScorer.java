package dev.btag.models.predict;

import ai.djl.translate.TranslateException;
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
    Predictions predict(TutorialFile file) throws TranslateException;

    /** Frees what the scorer holds; call it once no thread is predicting any more. */
    @Override
    void close();
}
