package dev.btag.data.weight;

/**
 * How a training sample gets its target spectra: by per-jet weights, or by resampling the jets (DeepJetCore's
 * {@code remove} mode).
 */
public enum WeightMode {
    /** Every jet trains with its weight (a weighted loss). The default. */
    WEIGHT,
    /**
     * Each jet is kept with probability proportional to its kinematic weight, normalised per class to the class's
     * largest weight (so that every class keeps as many jets as its target shape allows), and the kept jets train
     * with unit kinematic weight: the training sample itself has the target spectra ({@link Resampler}).
     */
    RESAMPLE
}
