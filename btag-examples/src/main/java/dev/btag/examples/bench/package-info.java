/**
 * The benchmarks behind {@code btag bench}, in one place and outside the library jars: reading {@code .npy}/{@code
 * .npz} files ({@link dev.btag.examples.bench.ReadBenchmark}), synthetic generation and batch assembly ({@link
 * dev.btag.examples.bench.DataThroughput}), ROC + AUC ({@link dev.btag.examples.bench.RocBenchmark}), and the taggers'
 * training and inference throughput ({@link dev.btag.examples.bench.ThroughputBenchmark},
 * {@link dev.btag.examples.bench.MatmulRate}). Each returns an immutable result; the {@code Bench*Command} classes of
 * {@link dev.btag.examples.cli} only parse options and print these results as JSON.
 *
 * <p>The reference peers that docs/performance.md compares against (numpy, scikit-learn, PyTorch in Python) live next
 * to them in {@code btag-examples/src/bench/python/}. Benchmarks are commands, never tests: the tests here only check
 * that each benchmark runs and reports sane figures on tiny inputs.
 */
package dev.btag.examples.bench;
