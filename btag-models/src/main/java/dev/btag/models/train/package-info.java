/**
 * Training of the taggers as in the tutorial's Keras {@code model.fit}: {@link dev.btag.models.train.TaggerTrainer}
 * with Adam, categorical cross-entropy, the Keras callbacks (early stopping restoring the best weights,
 * learning-rate reduction on a plateau, termination on NaN), per-epoch history, a progress bar, device selection,
 * seeded reproducibility, atomic checkpoints and resuming.
 */
package dev.btag.models.train;
