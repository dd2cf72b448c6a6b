package dev.btag.data.synthetic;

import dev.btag.data.npy.DType;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.npy.ScalarType;
import dev.btag.data.schema.JetArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Writes one synthetic file a block of jets at a time, so that its memory does not grow with the number of jets:
 * each block is simulated (every jet from its own seed, exactly as {@link SyntheticSample#generate} does), its rows
 * of {@code arr_0} … {@code arr_5} are appended to one scratch file per array beside the target, and the archive is
 * then written from those files a chunk at a time ({@link NpzWriter#write(String, DType, long[], Path)}). The file
 * is byte-identical to the one written in memory; the scratch files are deleted in every case. It costs a second
 * pass over the data on disk, so {@link SyntheticSample#write} takes this path only for files larger than the heap
 * allows.
 */
final class StreamedSampleWriter {

    /** Jets simulated at a time: about 66 MB of rows. */
    static final int BLOCK_JETS = 2048;

    private StreamedSampleWriter() {
    }

    /**
     * Writes the file.
     *
     * @param file the archive to write (atomically)
     * @param seed the sample's seed
     * @param fileIndex 0 for the train file, 1 for the test file
     * @param jets the number of jets
     * @throws IOException when a scratch file or the archive cannot be written (the message names it)
     */
    static void write(Path file, long seed, int fileIndex, int jets) throws IOException {
        JetArray[] arrays = JetArray.values();
        Path dir = file.toAbsolutePath().getParent();
        Path[] scratch = new Path[arrays.length];
        FileChannel[] out = new FileChannel[arrays.length];
        try {
            for (JetArray a : arrays) {
                scratch[a.ordinal()] = Files.createTempFile(dir, "." + file.getFileName() + "." + a.entryName(),
                    ".part");
                out[a.ordinal()] = FileChannel.open(scratch[a.ordinal()], StandardOpenOption.WRITE);
            }
            simulateInto(out, seed, fileIndex, jets);
            for (FileChannel channel : out) {
                channel.close();
            }
            byte[] note = SyntheticSample.metadata(seed, fileIndex, jets).getBytes(StandardCharsets.UTF_8);
            NpzWriter.write(file, false, npz -> {
                for (JetArray a : arrays) {
                    npz.write(a.entryName(), DType.FLOAT32, a.shape(jets), scratch[a.ordinal()]);
                }
                npz.write(SyntheticSample.METADATA_ENTRY, DType.of(ScalarType.UINT8), new long[] {note.length}, false,
                    ByteBuffer.wrap(note));
            });
        } finally {
            for (int i = 0; i < arrays.length; i++) {
                try {
                    if (out[i] != null) {
                        out[i].close();
                    }
                } finally {
                    if (scratch[i] != null) {
                        Files.deleteIfExists(scratch[i]);
                    }
                }
            }
        }
    }

    /** Simulates the jets block by block and appends each array's rows, little-endian float32, to its channel. */
    private static void simulateInto(FileChannel[] out, long seed, int fileIndex, int jets) throws IOException {
        JetArray[] arrays = JetArray.values();
        JetSimulator simulator = new JetSimulator();
        float[][] rows = new float[arrays.length][];
        ByteBuffer[] bytes = new ByteBuffer[arrays.length];
        for (JetArray a : arrays) {
            rows[a.ordinal()] = new float[BLOCK_JETS * a.valuesPerJet()];
            bytes[a.ordinal()] = ByteBuffer.allocateDirect(4 * rows[a.ordinal()].length)
                .order(ByteOrder.LITTLE_ENDIAN);
        }
        for (int from = 0; from < jets; from += BLOCK_JETS) {
            int n = Math.min(BLOCK_JETS, jets - from);
            for (float[] r : rows) {
                java.util.Arrays.fill(r, 0f);
            }
            for (int jet = 0; jet < n; jet++) {
                simulator.simulate(new SplittableRandom(SyntheticSample.jetSeed(seed, fileIndex, from + jet)), rows,
                    jet);
            }
            for (JetArray a : arrays) {
                ByteBuffer b = bytes[a.ordinal()].clear();
                b.asFloatBuffer().put(rows[a.ordinal()], 0, n * a.valuesPerJet());
                b.limit(4 * n * a.valuesPerJet());
                while (b.hasRemaining()) {
                    out[a.ordinal()].write(b);
                }
            }
        }
    }
}
