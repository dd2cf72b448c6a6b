package dev.btag.data.hdf5;

import dev.btag.data.source.ArrayFile;
import dev.btag.data.source.SourceFormatException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.NodeType;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HDF5 file as an {@link ArrayFile}, read with jHDF (pure Java, no native library). Its arrays are the datasets
 * of every group, named by their path from the root without the leading slash ({@code jets},
 * {@code training/tracks}). Datasets are numeric or compound, contiguous or chunked (gzip/deflate and shuffle decoded
 * in parallel; other filters through jHDF), read lazily by row range. Safe to use from several threads at once:
 * reads from the file are serialised, decoding is not.
 */
public final class Hdf5File implements ArrayFile {

    private final Path path;
    private final HdfFile hdf;
    private final List<String> names;
    private final Map<String, Hdf5Dataset> datasets = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    private Hdf5File(Path path, HdfFile hdf, List<String> names) {
        this.path = path;
        this.hdf = hdf;
        this.names = names;
    }

    /**
     * Opens a file and lists its datasets.
     *
     * @param path an HDF5 file
     * @return the open file; close it
     * @throws IOException when the file does not exist or is not a readable HDF5 file (the message names it)
     */
    public static Hdf5File open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such HDF5 file");
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(path);
        } catch (HdfException e) {
            throw new SourceFormatException(path, null, "not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
        try {
            List<String> names = new ArrayList<>();
            collect(hdf, names);
            return new Hdf5File(path, hdf, Collections.unmodifiableList(names));
        } catch (HdfException e) {
            hdf.close();
            throw new SourceFormatException(path, null, "cannot list the datasets: " + e.getMessage(), e);
        }
    }

    private static void collect(Group group, List<String> out) {
        for (Node node : group) {
            if (node.isLink()) {
                continue;
            }
            if (node.getType() == NodeType.DATASET) {
                out.add(strip(node.getPath()));
            } else if (node instanceof Group child) {
                collect(child, out);
            }
        }
    }

    private static String strip(String nodePath) {
        String s = nodePath.startsWith("/") ? nodePath.substring(1) : nodePath;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public List<String> arrayNames() {
        return names;
    }

    @Override
    public Hdf5Dataset array(String name) throws IOException {
        Hdf5Dataset cached = datasets.get(name);
        if (cached != null) {
            return cached;
        }
        if (!names.contains(name)) {
            throw new SourceFormatException(path, null, "no dataset named '" + name + "' (datasets: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        Hdf5Dataset dataset;
        synchronized (lock) {
            try {
                Dataset node = hdf.getDatasetByPath(name);
                dataset = new Hdf5Dataset(path, name, node, lock);
            } catch (HdfException e) {
                throw new SourceFormatException(path, name, "cannot read its metadata: " + e.getMessage(), e);
            }
        }
        Hdf5Dataset previous = datasets.putIfAbsent(name, dataset);
        return previous == null ? dataset : previous;
    }

    @Override
    public void close() {
        hdf.close();
    }
}
