package dev.btag.examples.cli;

import dev.btag.data.synthetic.SyntheticSample;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code btag generate}: writes a synthetic train and test file with the tutorial's layout (not CMS data). */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Writes a synthetic train and test file with the tutorial's layout (not CMS data).")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Output directory (created when missing).")
    Path out;

    @Option(names = "--jets", paramLabel = "N", defaultValue = "20000",
        description = "Jets per file (default: ${DEFAULT-VALUE}, as the tutorial's files).")
    int jets;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
        description = "Seed; equal seeds give byte-identical files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T",
        description = "Simulation threads (default: all processors); the files do not depend on it.")
    Integer threads;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jets < 1 || jets > SyntheticSample.MAX_WRITTEN_JETS_PER_FILE) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--jets must be between 1 and " + SyntheticSample.MAX_WRITTEN_JETS_PER_FILE + ", not " + jets);
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        long start = System.nanoTime();
        SyntheticSample.Files files = SyntheticSample.write(out, jets, seed, t);
        double seconds = (System.nanoTime() - start) / 1e9;
        var w = spec.commandLine().getOut();
        w.println("train: " + files.train());
        w.println("test:  " + files.test());
        w.printf(java.util.Locale.ROOT, "%d jets per file, seed %d, %.1f s (%.0f jets/s); %s%n",
            jets, seed, seconds, 2 * jets / seconds, SyntheticSample.BANNER);
        w.flush();
        return 0;
    }
}
