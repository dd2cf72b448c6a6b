package dev.btag.data.ntuple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.layout.FileFormat;
import dev.btag.data.layout.Layout;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.synthetic.SyntheticSample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutConverterTest {

    @TempDir
    Path dir;

    private static Path h5() {
        return JetFileTest.structured().getParent().getParent().resolve("hdf5").resolve("compound.h5");
    }

    @Test
    void h5pyCompoundBecomesStructuredNpzReadByTheSameLayout() throws IOException {
        Layout layout = Layout.parse(JetFileTest.HDF5_COMPOUND, "c.yaml");
        Path npz = dir.resolve("compound.npz");
        Layout converted = LayoutConverter.convert(h5(), npz, layout);
        assertEquals(FileFormat.NPZ, converted.format().orElseThrow());
        assertEquals(layout.jets(), converted.jets());
        try (JetFile a = JetFile.open(h5(), layout); JetFile b = JetFile.open(npz, converted)) {
            assertArrayEquals(a.features(0, 50), b.features(0, 50));
            assertArrayEquals(a.classes(0, 50), b.classes(0, 50));
            assertArrayEquals(a.weights(0, 50), b.weights(0, 50));
            assertArrayEquals(a.collection(0, 0, 50), b.collection(0, 0, 50));
        }
        try (NpzFile file = NpzFile.open(npz)) {
            assertEquals("{pt <f4, eta <f4, flavour <i4, weight >f8}",
                file.get("jets").recordType().orElseThrow().describe());
        }
    }

    @Test
    void tutorialFileRoundTripsThroughHdf5BitForBit() throws IOException {
        Path npz = SyntheticSample.write(dir, 120, 3, 1).train();
        Path h5 = dir.resolve("tutorial.h5");
        Layout toH5 = LayoutConverter.convert(npz, h5, Layout.tutorial());
        Path back = dir.resolve("back.npz");
        Layout toNpz = LayoutConverter.convert(h5, back, toH5);
        assertEquals(Layout.tutorial(), toNpz);
        try (JetFile a = JetFile.open(npz, Layout.tutorial()); JetFile b = JetFile.open(h5, toH5);
             JetFile c = JetFile.open(back, toNpz)) {
            assertTrue(b.isSynthetic() && c.isSynthetic());
            for (JetFile other : List.of(b, c)) {
                assertArrayEquals(a.features(0, 120), other.features(0, 120));
                assertArrayEquals(a.oneHot(0, 120), other.oneHot(0, 120));
                for (int k = 0; k < 4; k++) {
                    assertArrayEquals(a.collection(k, 0, 120), other.collection(k, 0, 120));
                }
            }
        }
    }

    @Test
    void structuredNpzBecomesNumericHdf5WithNamedColumns() throws IOException {
        Layout layout = Layout.parse(JetFileTest.STRUCTURED, "s.yaml");
        Path h5 = dir.resolve("s.h5");
        Layout converted = LayoutConverter.convert(JetFileTest.structured(), h5, layout);
        assertEquals(List.of("pt", "eta", "flavour", "weight", "valid"), converted.jets().columns());
        assertEquals(List.of("d0", "z0", "valid"), converted.collection("tracks").columns());
        try (JetFile a = JetFile.open(JetFileTest.structured(), layout); JetFile b = JetFile.open(h5, converted)) {
            assertArrayEquals(a.features(0, 5), b.features(0, 5));
            assertArrayEquals(a.classes(0, 5), b.classes(0, 5));
            float[] tracks = a.collection(0, 0, 5);
            assertArrayEquals(tracks, b.collection(0, 0, 5));
            assertArrayEquals(a.realObjects(0, 0, 5, tracks), b.realObjects(0, 0, 5, tracks));
        }
        Path packed = dir.resolve("s-gzip.h5");
        LayoutConverter.Result gzip = LayoutConverter.convert(JetFileTest.structured(), packed, layout,
            dev.btag.data.hdf5.Hdf5Storage.gzip(6).withChunkRows(2));
        assertEquals(List.of("jets", "tracks"), gzip.flattened(), "both structured arrays are written as columns");
        assertEquals(converted, gzip.layout().withFormat(converted.format().orElseThrow(), converted.source()));
        try (JetFile b = JetFile.open(h5, converted); JetFile c = JetFile.open(packed, gzip.layout());
             dev.btag.data.hdf5.Hdf5File raw = dev.btag.data.hdf5.Hdf5File.open(packed)) {
            assertEquals(List.of("shuffle", "deflate"), raw.array("tracks").filters());
            assertArrayEquals(b.features(0, 5), c.features(0, 5));
            assertArrayEquals(b.collection(0, 0, 5), c.collection(0, 0, 5));
        }
        IllegalArgumentException npz = assertThrows(IllegalArgumentException.class, () -> LayoutConverter.convert(
            h5, dir.resolve("back.npz"), converted, dev.btag.data.hdf5.Hdf5Storage.gzip(1)));
        assertTrue(npz.getMessage().contains("chunks and gzip apply to HDF5 output only"), npz.getMessage());
    }

    @Test
    void sameFormatAndMismatchesAreRefused() {
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
            () -> LayoutConverter.convert(h5(), dir.resolve("x.hdf5"), Layout.parse(JetFileTest.HDF5_COMPOUND, "c")));
        assertTrue(same.getMessage().contains("are both hdf5"), same.getMessage());
        LayoutMismatchException e = assertThrows(LayoutMismatchException.class,
            () -> LayoutConverter.convert(h5(), dir.resolve("x.npz"), Layout.parse(JetFileTest.HDF5_COMPOUND
                .replace("[eta, pt]", "[eta, mass]"), "c")));
        assertEquals("jets.features[1]", e.key());
    }
}
