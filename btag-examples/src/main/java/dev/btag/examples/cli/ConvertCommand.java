package dev.btag.examples.cli;

import dev.btag.data.hdf5.Hdf5Storage;
import dev.btag.data.layout.FileFormat;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.LayoutConverter;
import dev.btag.io.AtomicOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code btag convert IN OUT [--layout L] [--gzip LEVEL] [--chunk-rows N]}: converts the arrays a layout names
 * between npz and HDF5 ({@link LayoutConverter}; HDF5 datasets contiguous, or chunked and gzip-compressed) and writes
 * the layout that reads the output next to it, as {@code OUT-stem.layout.yaml}.
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

    @Option(names = "--gzip", paramLabel = "LEVEL",
        description = "HDF5 output: store each dataset in chunks, shuffled and deflated at this gzip level (1-9).")
    Integer gzip;

    @Option(names = "--chunk-rows", paramLabel = "N",
        description = "HDF5 output: rows per chunk (default " + Hdf5Storage.DEFAULT_CHUNK_ROWS + " with --gzip; alone,"
            + " chunked without compression).")
    Integer chunkRows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Hdf5Storage storage = storage();
        long start = System.nanoTime();
        LayoutConverter.Result converted = LayoutConverter.convert(in, out, Layout.resolve(layout), storage);
        Path layoutFile = layoutFileOf(out);
        AtomicOutput.writeString(layoutFile, converted.layout().toYaml());
        PrintWriter stdout = spec.commandLine().getOut();
        for (String array : converted.flattened()) {
            stdout.printf(Locale.ROOT, "note: %s is a structured array; HDF5 gets it as float64 columns, one per"
                + " field, named in %s (jHDF cannot write compound datasets)%n", array, layoutFile);
        }
        stdout.printf(Locale.ROOT, "wrote %s (%d bytes) and its layout %s in %.2f s%n", out, Files.size(out),
            layoutFile, (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    /** The storage the options ask for; a usage error (exit 2) for bad values. */
    private Hdf5Storage storage() {
        if ((gzip != null || chunkRows != null) && FileFormat.fromPath(out).orElse(null) != FileFormat.HDF5) {
            throw new ParameterException(spec.commandLine(), "--gzip and --chunk-rows apply to HDF5 output (.h5,"
                + " .hdf5), not " + out);
        }
        try {
            if (gzip != null) {
                Hdf5Storage s = Hdf5Storage.gzip(gzip);
                return chunkRows == null ? s : s.withChunkRows(chunkRows);
            }
            return chunkRows == null ? Hdf5Storage.CONTIGUOUS : new Hdf5Storage(chunkRows, 0, false);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code dir/run.h5} gives {@code dir/run.layout.yaml}. */
    static Path layoutFileOf(Path output) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return output.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".layout.yaml");
    }
}
