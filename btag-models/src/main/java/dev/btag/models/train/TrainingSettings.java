package dev.btag.models.train;

import dev.btag.models.TaggerSpec;

/**
 * The training settings btag uses when a user gives none, and the checks of their ranges, in one place: every
 * builder, the command line and the examples read them from here.
 *
 * <p>The notebooks fix the optimiser (Adam, learning rate 1e-3), {@code validation_split=0.3} and the callbacks; they
 * never state the number of epochs, the batch size or the dropout rate ({@code n_epochs}, {@code batch_size},
 * {@code dropoutRate} are variables set in cells not shown). btag chooses 50 epochs, batch 512 and dropout 0.1.
 */
public final class TrainingSettings {

    /** Maximum number of epochs (btag's choice; early stopping usually ends sooner). */
    public static final int EPOCHS = 50;
    /** Training batch size in jets (btag's choice). */
    public static final int BATCH_SIZE = 512;
    /** Adam's initial learning rate (the notebooks' Keras default). */
    public static final float LEARNING_RATE = 1e-3f;
    /** The fraction of rows, the last ones, that validate (the notebooks' {@code validation_split}). */
    public static final double VALIDATION_SPLIT = 0.3;
    /** The seed of initialisation, shuffling and dropout. */
    public static final long SEED = 42L;
    /** The dropout rate after each hidden layer (btag's choice), as {@link TaggerSpec#DEFAULT_DROPOUT}. */
    public static final float DROPOUT = TaggerSpec.DEFAULT_DROPOUT;

    private TrainingSettings() {
    }

    /**
     * Checks a batch size.
     *
     * @param batchSize jets per batch
     * @return {@code batchSize}
     * @throws IllegalArgumentException if it is below 1
     */
    public static int requireBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        return batchSize;
    }

    /**
     * Checks a number of epochs.
     *
     * @param epochs the maximum number of epochs
     * @return {@code epochs}
     * @throws IllegalArgumentException if it is below 1
     */
    public static int requireEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        return epochs;
    }

    /**
     * Checks a learning rate.
     *
     * @param learningRate Adam's initial learning rate
     * @return {@code learningRate}
     * @throws IllegalArgumentException unless it is finite and positive
     */
    public static float requireLearningRate(float learningRate) {
        if (!(learningRate > 0 && Float.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be finite and positive, got " + learningRate);
        }
        return learningRate;
    }

    /**
     * Checks a validation split.
     *
     * @param validationSplit the fraction of rows that validate
     * @return {@code validationSplit}
     * @throws IllegalArgumentException unless it is in [0, 1)
     */
    public static double requireValidationSplit(double validationSplit) {
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), got " + validationSplit);
        }
        return validationSplit;
    }
}
