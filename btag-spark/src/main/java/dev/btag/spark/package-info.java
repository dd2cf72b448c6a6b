/**
 * btag on Apache Spark: scoring many ntuple files as partitions of row ranges ({@link dev.btag.spark.score}), the
 * exact evaluation of the scores from a distributed sort ({@link dev.btag.spark.evaluate}), and the
 * {@code btag spark} command ({@link dev.btag.spark.cli}). Spark is a provided dependency: the cluster brings it.
 */
package dev.btag.spark;
