/**
 * Safe file input and output for every btag writer and reader.
 *
 * <p>{@link dev.btag.io.AtomicOutput} is the one implementation of atomic outputs: a file is written under a
 * temporary name beside its target, forced to disk and renamed over the target only when complete, so a failed,
 * interrupted or concurrent write never leaves a partial file and never changes a file that some reader has open.
 * {@link dev.btag.io.FileChecks} refuses inputs that are not regular files (a FIFO would block a reader
 * forever) and outputs that are also inputs of the same command.
 */
package dev.btag.io;
