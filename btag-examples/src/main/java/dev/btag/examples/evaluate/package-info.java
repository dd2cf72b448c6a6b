/**
 * Evaluation of a saved tagger on a test file ({@link dev.btag.examples.evaluate.TaggerEvaluation}): ROC curves,
 * AUCs, working points and confusion matrices, with plots, metrics.json and predictions.npz; the work behind
 * {@code btag evaluate}.
 */
package dev.btag.examples.evaluate;
