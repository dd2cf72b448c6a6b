package dev.btag.data.synthetic;

import dev.btag.data.npy.DType;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.npy.ScalarType;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.TutorialFile;
import dev.btag.io.FileChecks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The synthetic CMS-like jet sample: files with exactly the tutorial's layout ({@code arr_0} … {@code arr_5}, float32,
 * see {@link JetArray}) filled by a physics-motivated simulation (docs/synthetic.md). It is not CMS data, and every
 * file says so in an extra entry {@value #METADATA_ENTRY}.
 *
 * <p>Determinism: jet {@code i} of file {@code f} is simulated from its own random stream, seeded from
 * {@code (seed, f, i)}, so the output depends only on the seed and the jet count, never on the number of threads.
 */
public final class SyntheticSample {

    /** Name of the extra archive entry that marks a file as synthetic (uint8, UTF-8 JSON text). */
    public static final String METADATA_ENTRY = TutorialFile.SYNTHETIC_ENTRY;

    /** The banner every output made from the synthetic sample carries. */
    public static final String BANNER = "Synthetic sample \u2014 not CMS data";

    /** Default number of jets per file, as in the tutorial's files. */
    public static final int DEFAULT_JETS_PER_FILE = 20_000;

    /**
     * Most jets one file can hold in memory: {@code arr_5} has 7,200 values per jet and a Java array at most
     * 2^31 - 1.
     */
    public static final int MAX_JETS_PER_FILE = Integer.MAX_VALUE / 7200 - 1;

    /**
     * The most jets {@link #write} puts in one file: 100 million, 3.2 TB (files larger than the heap are streamed,
     * so the limit is the disk's, not the memory's).
     */
    public static final int MAX_WRITTEN_JETS_PER_FILE = 100_000_000;

    private static final int BLOCK = 256;

    private SyntheticSample() {
    }

    /**
     * The two files of a sample: the first trains, the second tests (as the tutorial's {@code test93_0_20000.npz}
     * and {@code test93_20000_40000.npz}).
     *
     * @param train {@code synthetic_0_N.npz}
     * @param test {@code synthetic_N_2N.npz}
     */
    public record Files(Path train, Path test) {
    }

    /**
     * Writes a train and a test file into a directory, using every available processor.
     *
     * @param dir the output directory (created when missing)
     * @param jetsPerFile jets in each file, 1 to {@link #MAX_WRITTEN_JETS_PER_FILE}
     * @param seed the seed; equal seeds and jet counts give byte-identical files
     * @return the two paths
     * @throws IOException when a file cannot be written
     * @throws IllegalArgumentException for a jet count out of range
     */
    public static Files write(Path dir, int jetsPerFile, long seed) throws IOException {
        return write(dir, jetsPerFile, seed, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Writes a train and a test file into a directory.
     *
     * @param dir the output directory (created when missing)
     * @param jetsPerFile jets in each file, 1 to {@link #MAX_WRITTEN_JETS_PER_FILE}
     * @param seed the seed; equal seeds and jet counts give byte-identical files whatever the thread count
     * @param threads worker threads for the simulation, at least 1
     * @return the two paths
     * @throws IOException when a file cannot be written
     * @throws IllegalArgumentException for a jet or thread count out of range (at most
     *     {@link #MAX_WRITTEN_JETS_PER_FILE}); a file too large for the heap is simulated and written a block of jets
     *     at a time, with memory that does not grow with the number of jets, and the same bytes
     */
    public static Files write(Path dir, int jetsPerFile, long seed, int threads) throws IOException {
        if (jetsPerFile < 1 || jetsPerFile > MAX_WRITTEN_JETS_PER_FILE) {
            throw new IllegalArgumentException("jets per file must be between 1 and " + MAX_WRITTEN_JETS_PER_FILE
                + ", not " + jetsPerFile);
        }
        FileChecks.createDirectories(dir);
        Path train = dir.resolve("synthetic_0_" + jetsPerFile + ".npz");
        Path test = dir.resolve("synthetic_" + jetsPerFile + "_" + 2L * jetsPerFile + ".npz");
        long bytesPerFile = 4L * jetsPerFile * valuesPerJet();
        long heap = Runtime.getRuntime().maxMemory();
        if (jetsPerFile > MAX_JETS_PER_FILE || heap < bytesPerFile + bytesPerFile / 5) {
            // larger than the heap (or a Java array) allows: stream each file through scratch files, a block of
            // jets at a time
            StreamedSampleWriter.write(train, seed, 0, jetsPerFile);
            StreamedSampleWriter.write(test, seed, 1, jetsPerFile);
            return new Files(train, test);
        }
        SyntheticJets first = generate(seed, 0, jetsPerFile, threads);
        if (Runtime.getRuntime().maxMemory() < 3 * bytesPerFile) {
            writeFile(train, first, seed, 0);
            first = null;
            writeFile(test, generate(seed, 1, jetsPerFile, threads), seed, 1);
            return new Files(train, test);
        }
        // simulate the test file while the train file is written (writing is the slower part)
        ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "btag-synthetic-next");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<SyntheticJets> second = background.submit(() -> generate(seed, 1, jetsPerFile, threads));
            writeFile(train, first, seed, 0);
            first = null;
            writeFile(test, second.get(), seed, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while simulating " + test, e);
        } catch (ExecutionException e) {
            throw new IOException("simulating " + test + " failed: " + e.getCause(), e.getCause());
        } finally {
            background.shutdownNow();
        }
        return new Files(train, test);
    }

    /**
     * Writes simulated jets as an uncompressed {@code .npz} archive ({@code numpy.savez} layout): {@code arr_0} …
     * {@code arr_5} as float32, then the marker entry {@value #METADATA_ENTRY} (uint8 bytes of a UTF-8 JSON text
     * naming the generator, seed, file index, jet count and the note "Synthetic sample — not CMS data";
     * {@code bytes(np.load(f)["btag_synthetic"]).decode()} prints it).
     *
     * @param file the archive to write
     * @param jets the jets
     * @param seed the seed they were simulated with (recorded in the marker)
     * @param fileIndex the file index they were simulated with (recorded in the marker)
     * @throws IOException when the file cannot be written
     */
    public static void writeFile(Path file, SyntheticJets jets, long seed, int fileIndex) throws IOException {
        byte[] note = metadata(seed, fileIndex, jets.jetCount()).getBytes(StandardCharsets.UTF_8);
        NpzWriter.write(file, false, npz -> {
            for (JetArray array : JetArray.values()) {
                npz.write(array.entryName(), jets.raw(array), array.shape(jets.jetCount()));
            }
            npz.write(METADATA_ENTRY, DType.of(ScalarType.UINT8), new long[] {note.length}, false,
                ByteBuffer.wrap(note));
        });
    }

    private static long valuesPerJet() {
        long values = 0;
        for (JetArray array : JetArray.values()) {
            values += array.valuesPerJet();
        }
        return values;
    }

    static String metadata(long seed, int fileIndex, int jets) {
        return "{\"generator\":\"btag SyntheticSample\",\"note\":\"" + BANNER + "\",\"seed\":" + seed
            + ",\"file\":" + fileIndex + ",\"jets\":" + jets + ",\"model\":\"docs/synthetic.md\"}";
    }

    /**
     * Simulates the jets of one file in memory.
     *
     * @param seed the sample's seed
     * @param fileIndex which file of the sample (0 = train, 1 = test); files of one seed are independent
     * @param jets the number of jets, 0 to {@link #MAX_JETS_PER_FILE}
     * @param threads worker threads, at least 1 (the result does not depend on it)
     * @return the jets
     * @throws IllegalArgumentException for a jet count or thread count out of range
     */
    public static SyntheticJets generate(long seed, int fileIndex, int jets, int threads) {
        if (jets < 0 || jets > MAX_JETS_PER_FILE) {
            throw new IllegalArgumentException(
                "jets per file must be between 0 and " + MAX_JETS_PER_FILE + ", not " + jets);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        float[][] arrays = new float[JetArray.values().length][];
        for (JetArray array : JetArray.values()) {
            arrays[array.ordinal()] = new float[jets * array.valuesPerJet()];
        }
        int blocks = (jets + BLOCK - 1) / BLOCK;
        if (threads == 1 || blocks <= 1) {
            simulateBlocks(seed, fileIndex, jets, arrays, 0, blocks, 1);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "btag-synthetic");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < threads; w++) {
                    int first = w;
                    futures.add(pool.submit(
                        () -> simulateBlocks(seed, fileIndex, jets, arrays, first, blocks, threads)));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while simulating jets", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("simulating jets failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new SyntheticJets(jets, arrays);
    }

    private static void simulateBlocks(long seed, int fileIndex, int jets, float[][] arrays, int first, int blocks,
                                       int stride) {
        JetSimulator simulator = new JetSimulator();
        for (int block = first; block < blocks; block += stride) {
            int end = Math.min(jets, (block + 1) * BLOCK);
            for (int jet = block * BLOCK; jet < end; jet++) {
                simulator.simulate(new SplittableRandom(jetSeed(seed, fileIndex, jet)), arrays, jet);
            }
        }
    }

    /** The seed of one jet's random stream: a SplitMix64-style mix of the sample seed, file and jet index. */
    static long jetSeed(long seed, int fileIndex, long jet) {
        long z = seed * 0x9E3779B97F4A7C15L + fileIndex * 0xD1B54A32D192ED03L + jet * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
