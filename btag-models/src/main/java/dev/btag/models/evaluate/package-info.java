/**
 * Evaluation of a tagger on a test sample, as the notebooks judge their taggers: {@link
 * dev.btag.models.evaluate.TaggerEvaluation} measures, per {@link dev.btag.metrics.comparison.FlavourComparison}, the
 * ROC curve, the AUC with its DeLong error, working points at fixed mistag and at fixed efficiency and the efficiency
 * and mistag rate versus jet pT, plus the confusion matrices, into one immutable {@link
 * dev.btag.models.evaluate.Evaluation}; separate writers turn it into {@code metrics.json} ({@link
 * dev.btag.models.evaluate.EvaluationJson}), {@code predictions.npz} ({@link
 * dev.btag.models.evaluate.PredictionsNpz}) and plots ({@link dev.btag.models.evaluate.EvaluationPlots}).
 */
package dev.btag.models.evaluate;
