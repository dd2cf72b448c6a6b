/**
 * ROC curves and the area under them, with the semantics of scikit-learn's {@code roc_curve(...,
 * drop_intermediate=False)} and {@code auc}.
 *
 * <p>Decisions that hold for every class here:
 * <ul>
 *   <li>The signal is always explicit: callers pass a {@code boolean[]} that is {@code true} for signal jets
 *       (see {@code dev.btag.metrics.selection.FlavourSelection} to make one from truth codes).</li>
 *   <li>Scores are compared exactly: two jets share a ROC point only if their scores are equal as {@code double}
 *       values ({@code -0.0 == 0.0}). A block of tied scores is one diagonal step of the curve, so a tied
 *       signal/background pair counts one half in the AUC.</li>
 *   <li>Non-finite scores (NaN, &plusmn;&infin;), non-finite or negative weights and arrays of different lengths
 *       are rejected with an {@link IllegalArgumentException} that names the array and the offending index.</li>
 *   <li>Input with no signal or no background (or zero total weight of either) is rejected with an
 *       {@link IllegalArgumentException}: rates are undefined then.</li>
 * </ul>
 */
package dev.btag.metrics.roc;
