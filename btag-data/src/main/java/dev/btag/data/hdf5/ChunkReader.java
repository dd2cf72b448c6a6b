package dev.btag.data.hdf5;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
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

    /**
     * The threads that decode chunks: one per processor (the common pool has one fewer, as the caller usually
     * helps; here the caller waits).
     */
    private static final ForkJoinPool DECODERS = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
        pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("btag-hdf5-decoder-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);

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
    /** Each decoding thread's inflater and buffers (the inflaters' native memory is freed when they are collected). */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

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
        if (offsets.size() == 1) {
            readChunk(offsets.get(0), from, to, out);
            return;
        }
        DECODERS.submit(() -> IntStream.range(0, offsets.size()).parallel()
            .forEach(i -> readChunk(offsets.get(i), from, to, out))).join();
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

    /**
     * Decodes one chunk and puts its part of rows [from, to) into the output. A chunk of whole rows that lies
     * inside the range is decoded straight into its place (deflate, or deflate then shuffle, the pipelines h5py
     * writes); any other is decoded into a per-thread scratch buffer and copied.
     */
    private void readChunk(int[] offset, long from, long to, byte[] out) {
        if (!ownPipeline) {
            byte[] decoded;
            synchronized (fileLock) {
                decoded = dataset.getDecompressedChunk(offset);
            }
            copy(decoded, offset, from, to, out);
            return;
        }
        ByteBuffer raw = fetch(offset);
        if (raw == null) {
            return;
        }
        boolean inPlace = wholeRows && offset[0] >= from && offset[0] + (long) chunk[0] <= Math.min(to, dims[0]);
        int at = inPlace ? (int) ((offset[0] - from) * (chunkBytes / chunk[0])) : 0;
        try {
            byte[] decoded = decodeInto(raw, inPlace ? out : null, at);
            if (decoded != null) {
                copy(decoded, offset, from, to, out);
            }
        } catch (DataFormatException | IllegalStateException e) {
            byte[] decoded;
            synchronized (fileLock) {
                decoded = dataset.getDecompressedChunk(offset);
            }
            copy(decoded, offset, from, to, out);
        }
    }

    /** The compressed bytes of a chunk, or {@code null} for a chunk that was never written. */
    private ByteBuffer fetch(int[] offset) {
        synchronized (fileLock) {
            try {
                return dataset.getRawChunkBuffer(offset);
            } catch (HdfException e) {
                if (String.valueOf(e.getMessage()).contains("No chunk")) {
                    return null;
                }
                throw e;
            }
        }
    }

    /**
     * Runs the filter pipeline backwards. With a target, the result goes to {@code target[at, at + chunkBytes)} and
     * {@code null} is returned; without, the result is returned (a per-thread buffer, valid until the next call).
     *
     * @throws DataFormatException for corrupt deflate data
     * @throws IllegalStateException when the decoded size is not the chunk's
     */
    private byte[] decodeInto(ByteBuffer raw, byte[] target, int at) throws DataFormatException {
        Scratch scratch = this.scratch.get();
        ByteBuffer input = raw.duplicate();
        boolean shuffled = false;
        int shuffleSize = elementSize;
        for (int f = filters.size() - 1; f >= 0; f--) {
            PipelineFilterWithData filter = filters.get(f);
            if (filter.getId() == FLETCHER32) {
                input.limit(input.limit() - 4);
            } else if (filter.getId() == SHUFFLE) {
                shuffled = true;
                shuffleSize = filter.getFilterData().length > 0 ? filter.getFilterData()[0] : elementSize;
            }
        }
        boolean deflated = filters.stream().anyMatch(f -> f.getId() == DEFLATE);
        byte[] plain;
        int plainAt;
        if (!deflated) {
            plain = new byte[input.remaining()];
            input.get(plain);
            plainAt = 0;
        } else if (target != null && !shuffled) {
            inflate(scratch.inflater, input, target, at);
            return null;
        } else {
            inflate(scratch.inflater, input, scratch.inflated, 0);
            plain = scratch.inflated;
            plainAt = 0;
        }
        if (plain.length - plainAt < chunkBytes) {
            throw new IllegalStateException("chunk decodes to " + plain.length + " bytes, not " + chunkBytes);
        }
        if (!shuffled) {
            if (target != null) {
                System.arraycopy(plain, plainAt, target, at, chunkBytes);
                return null;
            }
            return plain;
        }
        byte[] dst = target != null ? target : scratch.unshuffled;
        unshuffle(plain, plainAt, chunkBytes, shuffleSize, dst, target != null ? at : 0);
        return target != null ? null : dst;
    }

    /** Inflates a zlib stream into exactly {@code chunkBytes} bytes of {@code out} from {@code at}. */
    private void inflate(Inflater inflater, ByteBuffer input, byte[] out, int at) throws DataFormatException {
        inflater.reset();
        inflater.setInput(input);
        int n = 0;
        while (!inflater.finished() && n < chunkBytes) {
            int r = inflater.inflate(out, at + n, chunkBytes - n);
            if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new DataFormatException("truncated deflate stream");
            }
            n += r;
        }
        if (n != chunkBytes) {
            throw new IllegalStateException("chunk inflates to " + n + " bytes, not " + chunkBytes);
        }
    }

    /** One thread's inflater and buffers, reused from chunk to chunk. */
    private final class Scratch {
        final Inflater inflater = new Inflater();
        final byte[] inflated = new byte[chunkBytes];
        final byte[] unshuffled = new byte[chunkBytes];
    }

    static void unshuffle(byte[] in, int inAt, int length, int size, byte[] out, int outAt) {
        int n = length / size;
        for (int b = 0; b < size; b++) {
            int src = inAt + b * n;
            for (int i = 0; i < n; i++) {
                out[outAt + i * size + b] = in[src + i];
            }
        }
        System.arraycopy(in, inAt + n * size, out, outAt + n * size, length - n * size);
    }

    static byte[] unshuffle(byte[] in, int size) {
        if (size <= 1) {
            return in;
        }
        byte[] out = new byte[in.length];
        unshuffle(in, 0, in.length, size, out, 0);
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
