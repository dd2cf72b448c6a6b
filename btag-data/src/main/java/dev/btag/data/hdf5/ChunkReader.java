package dev.btag.data.hdf5;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads row ranges of a chunked dataset with the chunks decoded in parallel. jHDF decodes one chunk at a time; here
 * the compressed bytes of every chunk the range touches are fetched (one at a time, from the file) and the chunks are
 * inflated and unshuffled on all cores, each copied straight into its place in the output. The pipelines h5py writes
 * (shuffle, deflate, Fletcher-32) are decoded here; any other filter (LZF, LZ4, ...) goes through jHDF's own decoder,
 * still in parallel. A chunk that was never written reads as zeros, HDF5's default fill value.
 */
final class ChunkReader {

    private static final int DEFLATE = 1;
    private static final int SHUFFLE = 2;
    private static final int FLETCHER32 = 3;

    private final ChunkedDataset dataset;
    private final String name;
    private final int[] dims;
    private final int[] chunk;
    private final int elementSize;
    private final int chunkBytes;
    private final List<PipelineFilterWithData> filters;
    private final boolean ownPipeline;
    private final Object fileLock;
    /** Whether every chunk spans whole rows (all axes but the first), so that its rows copy in one run. */
    private final boolean wholeRows;

    ChunkReader(ChunkedDataset dataset, String name, int elementSize, Object fileLock) {
        this.dataset = dataset;
        this.name = name;
        this.dims = dataset.getDimensions();
        this.chunk = dataset.getChunkDimensions();
        this.elementSize = elementSize;
        long bytes = elementSize;
        for (int c : chunk) {
            bytes *= c;
        }
        this.chunkBytes = Math.toIntExact(bytes);
        this.filters = dataset.getFilters();
        this.ownPipeline = filters.stream().allMatch(f -> f.getId() == DEFLATE || f.getId() == SHUFFLE
            || f.getId() == FLETCHER32);
        this.fileLock = fileLock;
        boolean whole = true;
        for (int a = 1; a < dims.length; a++) {
            whole &= chunk[a] == dims[a];
        }
        this.wholeRows = whole;
    }

    /**
     * The raw elements of rows {@code [from, to)}, C order.
     *
     * @param from first row
     * @param to end row
     * @param out receives {@code (to - from) * rowBytes} bytes from offset 0
     * @throws IllegalStateException when a chunk cannot be decoded (message names the dataset and chunk)
     */
    void read(long from, long to, byte[] out) {
        if (to <= from || Arrays.stream(dims).anyMatch(d -> d == 0)) {
            return;
        }
        List<int[]> offsets = chunksOf(from, to);
        IntStream.range(0, offsets.size()).parallel().forEach(i -> {
            int[] offset = offsets.get(i);
            byte[] decoded = decode(offset);
            if (decoded != null) {
                copy(decoded, offset, from, to, out);
            }
        });
    }

    /** The offsets (in elements) of every chunk that rows [from, to) touch. */
    private List<int[]> chunksOf(long from, long to) {
        int rank = dims.length;
        int[] first = new int[rank];
        int[] count = new int[rank];
        first[0] = (int) (from / chunk[0]);
        count[0] = (int) ((to - 1) / chunk[0]) - first[0] + 1;
        for (int a = 1; a < rank; a++) {
            count[a] = (dims[a] + chunk[a] - 1) / chunk[a];
        }
        List<int[]> out = new ArrayList<>();
        int[] index = new int[rank];
        while (true) {
            int[] offset = new int[rank];
            for (int a = 0; a < rank; a++) {
                offset[a] = (first[a] + index[a]) * chunk[a];
            }
            out.add(offset);
            int a = rank - 1;
            while (a >= 0 && ++index[a] == count[a]) {
                index[a] = 0;
                a--;
            }
            if (a < 0) {
                return out;
            }
        }
    }

    /** The decoded bytes of one chunk, or {@code null} for a chunk that was never written. */
    private byte[] decode(int[] offset) {
        if (!ownPipeline) {
            synchronized (fileLock) {
                return dataset.getDecompressedChunk(offset);
            }
        }
        ByteBuffer raw;
        synchronized (fileLock) {
            try {
                raw = dataset.getRawChunkBuffer(offset);
            } catch (HdfException e) {
                if (String.valueOf(e.getMessage()).contains("No chunk")) {
                    return null;
                }
                throw e;
            }
        }
        byte[] bytes = new byte[raw.remaining()];
        raw.get(bytes);
        try {
            for (int f = filters.size() - 1; f >= 0; f--) {
                PipelineFilterWithData filter = filters.get(f);
                bytes = switch (filter.getId()) {
                    case DEFLATE -> inflate(bytes);
                    case SHUFFLE -> unshuffle(bytes, filter.getFilterData().length > 0
                        ? filter.getFilterData()[0] : elementSize);
                    default -> Arrays.copyOf(bytes, bytes.length - 4);
                };
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("array '" + name + "': corrupt deflate data in the chunk at "
                + Arrays.toString(offset) + ": " + e.getMessage(), e);
        }
        if (bytes.length != chunkBytes) {
            synchronized (fileLock) {
                return dataset.getDecompressedChunk(offset);
            }
        }
        return bytes;
    }

    private byte[] inflate(byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[chunkBytes];
            int n = 0;
            while (!inflater.finished() && n < out.length) {
                int r = inflater.inflate(out, n, out.length - n);
                if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated deflate stream");
                }
                n += r;
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        } finally {
            inflater.end();
        }
    }

    static byte[] unshuffle(byte[] in, int size) {
        if (size <= 1) {
            return in;
        }
        byte[] out = new byte[in.length];
        int n = in.length / size;
        for (int b = 0; b < size; b++) {
            int src = b * n;
            for (int i = 0; i < n; i++) {
                out[i * size + b] = in[src + i];
            }
        }
        System.arraycopy(in, n * size, out, n * size, in.length - n * size);
        return out;
    }

    /** Copies the part of a decoded chunk that lies in rows [from, to) into the C-order output. */
    private void copy(byte[] decoded, int[] offset, long from, long to, byte[] out) {
        int rank = dims.length;
        int[] lo = new int[rank];
        int[] hi = new int[rank];
        for (int a = 0; a < rank; a++) {
            lo[a] = offset[a];
            hi[a] = Math.min(dims[a], offset[a] + chunk[a]);
        }
        lo[0] = (int) Math.max(lo[0], from);
        hi[0] = (int) Math.min(hi[0], to);
        if (wholeRows) {
            int rowBytes = chunkBytes / chunk[0];
            System.arraycopy(decoded, (lo[0] - offset[0]) * rowBytes, out, (int) ((lo[0] - from) * rowBytes),
                (hi[0] - lo[0]) * rowBytes);
            return;
        }
        int last = rank - 1;
        int run = (hi[last] - lo[last]) * elementSize;
        int[] index = lo.clone();
        while (true) {
            long src = 0;
            long dst = 0;
            for (int a = 0; a < rank; a++) {
                src = src * chunk[a] + (index[a] - offset[a]);
                dst = dst * (a == 0 ? 1 : dims[a]) + (a == 0 ? index[0] - from : index[a]);
            }
            System.arraycopy(decoded, (int) (src * elementSize), out, (int) (dst * elementSize), run);
            int a = last - 1;
            while (a >= 0 && ++index[a] == hi[a]) {
                index[a] = lo[a];
                a--;
            }
            if (a < 0) {
                return;
            }
        }
    }
}
