package dev.btag.examples.cli;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Architecture;
import dev.btag.models.scan.ModelScan;
import dev.btag.models.scan.ScanOutputs;
import dev.btag.models.scan.ScanResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code btag scan}: a depth x width scan of a tagger's dense head with the library's {@link ModelScan}, on the
 * user's files or, without {@code --train}, on a small synthetic sample generated into {@code OUT/data}; prints the
 * per-cell table. Bad option values are usage errors (exit 2), found before any data is read.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Trains every head depth x width of a tagger (several seeds each), in parallel and resumable, and"
        + " writes DIR/scan.json, DIR/scan.csv and DIR/auc_heatmap.png.")
final class ScanCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "The tagger whose head is scanned: dnn, cnn1x1, lstm"
        + " or gru.")
    String model;

    @Option(names = "--depths", required = true, split = ",", paramLabel = "D",
        description = "Numbers of hidden dense layers of the head, for example 1,2,3.")
    List<Integer> depths;

    @Option(names = "--widths", required = true, split = ",", paramLabel = "W",
        description = "Units of every hidden dense layer, for example 16,32,64.")
    List<Integer> widths;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "K",
        description = "Seeds per point, --seed, --seed+1, ... (default: ${DEFAULT-VALUE}; 2 or more give a spread).")
    int seeds;

    @Option(names = "--train", arity = "1..*", paramLabel = "FILE",
        description = "Training files or quoted globs (default: a synthetic sample generated into OUT/data).")
    List<String> train;

    @Option(names = "--test", arity = "1..*", paramLabel = "FILE",
        description = "Test files or quoted globs the AUC is measured on; needs --train.")
    List<String> test;

    @Option(names = "--layout", defaultValue = Layout.TUTORIAL, paramLabel = "LAYOUT",
        description = "How to read --train and --test: 'tutorial' (default) or a layout file.")
    String layout;

    @Option(names = "--jets", defaultValue = "5000",
        description = "Jets per generated synthetic file without --train (default: ${DEFAULT-VALUE}).")
    int jets;

    @Option(names = "--workers", paramLabel = "N",
        description = "Points trained at the same time (default: one per processor).")
    Integer workers;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
        description = "PyTorch intra-op threads during the scan (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true,
        description = "Output directory; running again with the same settings trains only the missing points.")
    Path out;

    @Mixin
    TrainingOptionsMixin training;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        ModelScan.Builder builder;
        try {
            if ((train == null) != (test == null)) {
                throw new IllegalArgumentException("give both --train and --test, or neither (then a synthetic"
                    + " sample is generated)");
            }
            if (train == null && !Layout.TUTORIAL.equals(layout)) {
                throw new IllegalArgumentException("--layout needs --train and --test (the synthetic sample has the"
                    + " tutorial layout)");
            }
            if (train == null && (jets < 100 || jets > SyntheticSample.MAX_WRITTEN_JETS_PER_FILE)) {
                throw new IllegalArgumentException("--jets must be between 100 and "
                    + SyntheticSample.MAX_WRITTEN_JETS_PER_FILE + ", got " + jets);
            }
            builder = ModelScan.builder().setArchitecture(Architecture.fromCliName(model))
                .setDepths(depths.stream().mapToInt(Integer::intValue).toArray())
                .setWidths(widths.stream().mapToInt(Integer::intValue).toArray()).optSeeds(seeds)
                .optBaseSeed(training.seed).optEpochs(training.epochs).optBatchSize(training.batchSize)
                .optDevice(training.deviceChoice()).optWorkers(workers == null ? ModelScan.defaultWorkers() : workers)
                .optIntraOpThreads(threads).setOutputDir(out).optLog(CommandLog.to(spec.commandLine().getErr()))
                .checkSettings();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        // the options are valid: now find (or generate) the files and read the layout
        if (train == null) {
            SyntheticSample.Files files = SyntheticSample.write(out.resolve("data"), jets, training.seed);
            builder.setTrainFiles(List.of(files.train())).setTestFiles(List.of(files.test()));
        } else {
            builder.setTrainFiles(FileSet.expand(train).files()).setTestFiles(FileSet.expand(test).files())
                .optLayout(Layout.resolve(layout));
        }
        ScanResult result = builder.build().run();
        stdout.print(ScanOutputs.table(result));
        stdout.printf(Locale.ROOT, "%d points (%d trained, %d reused) in %.1f s with %d workers x %d threads%n",
            result.points().size(), result.trainedPoints(), result.reusedPoints(), result.seconds(),
            result.workers(), result.intraOpThreads());
        stdout.println("scan:     " + out.resolve(ScanOutputs.JSON).toAbsolutePath());
        stdout.println("table:    " + out.resolve(ScanOutputs.CSV).toAbsolutePath());
        stdout.println("heat map: " + out.resolve(ScanOutputs.HEAT_MAP).toAbsolutePath());
        stdout.flush();
        return 0;
    }
}
