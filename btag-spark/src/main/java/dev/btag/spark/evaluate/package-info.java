/**
 * The exact evaluation of scored jets on Spark ({@link dev.btag.spark.evaluate.SparkEvaluation}): ROC curves and
 * AUCs from a distributed sort of the distinct scores fed, in order, to btag's own accumulation
 * ({@link dev.btag.metrics.roc.ScoreRuns}); working points from those curves; binned efficiencies and the confusion
 * matrix from per-partition counts. The numbers are those of {@code btag evaluate} on the same files.
 */
package dev.btag.spark.evaluate;
