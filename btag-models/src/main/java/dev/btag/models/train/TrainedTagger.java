package dev.btag.models.train;

import dev.btag.data.weight.Weighting;
import dev.btag.models.ParameterCount;
import dev.btag.models.Tagger;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TrainingRun} produced: the trained tagger, still open, and how it was trained. Closing this closes
 * the tagger. Not thread-safe; predict from several threads with a
 * {@link dev.btag.models.predict.TaggerPredictor}.
 */
public final class TrainedTagger implements AutoCloseable {

    private final Tagger tagger;
    private final TrainingResult training;
    private final Path modelFile;
    private final boolean synthetic;
    private final int trainJets;
    private final int validationJets;
    private final double seconds;
    private final Weighting.Result weighting;

    TrainedTagger(Tagger tagger, TrainingResult training, Path modelFile, boolean synthetic, int trainJets,
            int validationJets, double seconds, Weighting.Result weighting) {
        this.tagger = Objects.requireNonNull(tagger, "tagger");
        this.training = Objects.requireNonNull(training, "training");
        this.modelFile = modelFile;
        this.synthetic = synthetic;
        this.trainJets = trainJets;
        this.validationJets = validationJets;
        this.seconds = seconds;
        this.weighting = weighting;
    }

    /**
     * How the training jets were weighted: the kept jets, their weights and the histograms before and after.
     *
     * @return the outcome, or empty when the run was unweighted
     */
    public Optional<Weighting.Result> weighting() {
        return Optional.ofNullable(weighting);
    }

    /**
     * The trained tagger; it holds the weights {@link TrainingResult} describes (by default those of the best
     * epoch). Owned by this object: do not close it separately.
     *
     * @return the tagger
     */
    public Tagger tagger() {
        return tagger;
    }

    /**
     * The history and outcome of the training.
     *
     * @return the training result
     */
    public TrainingResult training() {
        return training;
    }

    /**
     * Where the run saved the tagger ({@value TrainingRun#MODEL_FILE} in its output directory).
     *
     * @return the saved file, or empty when the run had no output directory
     */
    public Optional<Path> modelFile() {
        return Optional.ofNullable(modelFile);
    }

    /**
     * The tagger's parameter counts (PyTorch's: an LSTM or GRU holds two bias vectors per gate).
     *
     * @return the counts
     */
    public ParameterCount parameters() {
        return tagger.parameterCount();
    }

    /**
     * The parameter count Keras reports for the same architecture (the notebooks' figure).
     *
     * @return the Keras count
     */
    public long kerasParameters() {
        return tagger.spec().kerasParameterCount();
    }

    /**
     * Whether the training file is btag's synthetic sample (then every output made from it says so).
     *
     * @return {@code true} for the synthetic sample
     */
    public boolean synthetic() {
        return synthetic;
    }

    /**
     * The jets that trained (the first rows of the file).
     *
     * @return the training jets
     */
    public int trainJets() {
        return trainJets;
    }

    /**
     * The jets that validated (the last rows of the file).
     *
     * @return the validation jets, 0 without a validation split
     */
    public int validationJets() {
        return validationJets;
    }

    /**
     * Wall-clock time of the run, reading the file and validation included.
     *
     * @return seconds
     */
    public double seconds() {
        return seconds;
    }

    /** Closes the tagger and frees its native memory. */
    @Override
    public void close() {
        tagger.close();
    }
}
