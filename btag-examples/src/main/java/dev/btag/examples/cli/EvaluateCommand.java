package dev.btag.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code btag evaluate}: Evaluates a saved tagger on a test file: ROC curves, AUCs, working points, confusion matrices. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluates a saved tagger on a test file: ROC curves, AUCs, working points, confusion matrices.")
final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("btag evaluate is not implemented yet");
    }
}
