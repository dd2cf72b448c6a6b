/**
 * Training a tutorial tagger on a file end to end ({@link dev.btag.examples.train.TrainingRun}): the work behind
 * {@code btag train} and the tutorial's notebooks 3 to 5.
 */
package dev.btag.examples.train;
