package dev.btag.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code btag inspect}: Lists the arrays of .npy/.npz files: dtype, shape, order, compression; --stats adds sum/min/max/mean/NaN count. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Lists the arrays of .npy/.npz files: dtype, shape, order, compression; --stats adds sum/min/max/mean/NaN count.")
final class InspectCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("btag inspect is not implemented yet");
    }
}
