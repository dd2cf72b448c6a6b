package dev.btag.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code btag tutorial}: The whole hands-on end to end, with an HTML report. */
@Command(name = "tutorial", mixinStandardHelpOptions = true, description = "The whole hands-on end to end, with an HTML report.")
final class TutorialCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("btag tutorial is not implemented yet");
    }
}
