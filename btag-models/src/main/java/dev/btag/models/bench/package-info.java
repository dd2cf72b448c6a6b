/**
 * Throughput benchmarks of the taggers (training and inference jets per second, achieved GFLOP/s against the
 * machine's measured matrix-multiply rate, resident memory per epoch), behind {@code btag bench train}.
 */
package dev.btag.models.bench;
