/**
 * The {@code btag spark predict|evaluate} command. It lives here, not in btag-examples, so that the command line
 * module does not depend on Spark: the {@code ./btag} launcher hands {@code btag spark ...} to
 * {@link dev.btag.spark.cli.SparkCommand} with Spark's jars on the class path, and {@code spark-submit} runs the same
 * class from {@code btag-spark/target/btag-spark-submit.jar}.
 */
package dev.btag.spark.cli;
