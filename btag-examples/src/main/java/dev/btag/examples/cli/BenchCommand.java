package dev.btag.examples.cli;

import picocli.CommandLine.Command;

/** {@code btag bench}: the benchmark commands whose figures go into docs/performance.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints one JSON document (figures for docs/performance.md).",
    subcommands = {
        BenchReadCommand.class,
        BenchDatasetCommand.class,
        BenchRocCommand.class,
        BenchReweightCommand.class,
        BenchEvaluateCommand.class,
        BenchTrainCommand.class,
        BenchPredictCommand.class,
        BenchOnnxCommand.class,
    })
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
