package dev.btag.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code btag generate}: Writes a synthetic train and test file with the tutorial's layout (not CMS data). */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Writes a synthetic train and test file with the tutorial's layout (not CMS data).")
final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("btag generate is not implemented yet");
    }
}
