/**
 * Pure tagging metrics on arrays of scores, labels and weights, with no dependency on files or models.
 *
 * <p>The sub-packages name the concepts: {@code dev.btag.metrics.roc} (ROC curves and AUC with scikit-learn
 * semantics), {@code dev.btag.metrics.selection} (which jets are signal and which background),
 * {@code dev.btag.metrics.discriminant} (b- and c-tagging discriminants from class probabilities),
 * {@code dev.btag.metrics.workingpoint} (loose/medium/tight cuts), {@code dev.btag.metrics.confusion}
 * (confusion matrices), {@code dev.btag.metrics.efficiency} (binned efficiencies with Clopper&ndash;Pearson
 * intervals) and {@code dev.btag.metrics.plot} (PNG/SVG plots of all of these).
 */
package dev.btag.metrics;
