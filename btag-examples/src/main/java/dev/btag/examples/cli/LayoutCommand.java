package dev.btag.examples.cli;

import dev.btag.data.layout.Layout;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code btag layout --print tutorial|FILE}: prints a layout as YAML, the built-in {@code tutorial} one or a layout
 * file after checking it (a bad layout gives one line naming the file and the key). The printed text is a valid
 * layout: start a layout of one's own from it.
 */
@Command(name = "layout", mixinStandardHelpOptions = true,
    description = "Prints a layout (how btag reads an ntuple) as YAML: the built-in 'tutorial' or a checked file.")
final class LayoutCommand implements Callable<Integer> {

    @Option(names = "--print", required = true, paramLabel = "LAYOUT",
        description = "'tutorial' (the built-in layout of the tutorial's files) or a layout file to check and print.")
    String layout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.print(Layout.resolve(layout).toYaml());
        out.flush();
        return 0;
    }
}
