package dev.btag.metrics.confusion;

/** How a confusion matrix is normalised; an empty row or column normalises to zeros (as scikit-learn). */
public enum Normalization {
    /** Each row (true class) sums to 1: the fraction of each true class predicted as each class. */
    TRUE,
    /** Each column (predicted class) sums to 1: the purity of each prediction. */
    PREDICTED,
    /** All cells sum to 1. */
    ALL
}
