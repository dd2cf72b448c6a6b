package dev.btag.examples.cli;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.LayoutConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code btag convert IN OUT [--layout L]}: converts the arrays a layout names between npz and HDF5
 * ({@link LayoutConverter}) and writes the layout that reads the output next to it, as {@code OUT-stem.layout.yaml}.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Converts the arrays a layout names between npz and HDF5 (by the extensions) and writes the"
        + " output's layout next to it.")
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "The input file (.npz, .h5, .hdf5).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The output file; .npz or .h5/.hdf5, the other format.")
    Path out;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = Layout.TUTORIAL,
        description = "How to read IN: 'tutorial' (default) or a layout file.")
    String layout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        Layout converted = LayoutConverter.convert(in, out, Layout.resolve(layout));
        Path layoutFile = layoutFileOf(out);
        Path temporary = Files.createTempFile(layoutFile.toAbsolutePath().getParent(), "." + layoutFile.getFileName(),
            ".tmp");
        try {
            Files.writeString(temporary, converted.toYaml(), StandardCharsets.UTF_8);
            Files.move(temporary, layoutFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "wrote %s (%d bytes) and its layout %s in %.2f s%n", out, Files.size(out),
            layoutFile, (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    /** {@code dir/run.h5} gives {@code dir/run.layout.yaml}. */
    static Path layoutFileOf(Path output) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return output.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".layout.yaml");
    }
}
