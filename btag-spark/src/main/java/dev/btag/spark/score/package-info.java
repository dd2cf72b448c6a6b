/**
 * Scoring on Spark: files become partitions of row ranges ({@link dev.btag.spark.score.RowRange}), each executor
 * loads the tagger once from the copy Spark shipped to it ({@link dev.btag.spark.score.ShippedModel}) and predicts
 * range by range with btag's bulk predictor ({@link dev.btag.spark.score.SparkScoring}); the result is a DataFrame of
 * {@link dev.btag.spark.score.ScoredJets} rows.
 */
package dev.btag.spark.score;
