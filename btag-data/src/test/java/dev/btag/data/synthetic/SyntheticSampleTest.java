package dev.btag.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.btag.data.schema.ContentPolicy;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticSampleTest {

    private static final int JETS = 400;
    private static SyntheticJets jets;

    @BeforeAll
    static void simulate() {
        jets = SyntheticSample.generate(42, 0, JETS, 1);
    }

    private static float jet(int row, JetColumn column) {
        return jets.value(JetArray.JETS, row * JetColumn.COUNT + column.index());
    }

    @Test
    void sameSeedGivesIdenticalArraysWhateverTheThreadCount() {
        SyntheticJets twoThreads = SyntheticSample.generate(42, 0, JETS, 2);
        SyntheticJets threeThreads = SyntheticSample.generate(42, 0, JETS, 3);
        for (JetArray array : JetArray.values()) {
            assertArrayEquals(jets.raw(array), twoThreads.raw(array), array.entryName());
            assertArrayEquals(jets.raw(array), threeThreads.raw(array), array.entryName());
        }
        SyntheticJets otherSeed = SyntheticSample.generate(43, 0, JETS, 1);
        SyntheticJets otherFile = SyntheticSample.generate(42, 1, JETS, 1);
        assertFalse(Arrays.equals(jets.raw(JetArray.JETS), otherSeed.raw(JetArray.JETS)));
        assertFalse(Arrays.equals(jets.raw(JetArray.JETS), otherFile.raw(JetArray.JETS)));
        // a prefix of a larger sample is the smaller sample: jets do not depend on the jet count
        SyntheticJets fewer = SyntheticSample.generate(42, 0, 100, 1);
        assertArrayEquals(Arrays.copyOf(jets.raw(JetArray.SEEDING_TRACKS), 100 * 210),
            fewer.raw(JetArray.SEEDING_TRACKS));
    }

    @Test
    void writtenFilesAreByteIdenticalForASeedAndValidate(@TempDir Path dir) throws IOException {
        SyntheticSample.Files a = SyntheticSample.write(dir.resolve("a"), 60, 7, 1);
        SyntheticSample.Files b = SyntheticSample.write(dir.resolve("b"), 60, 7, 2);
        assertEquals("synthetic_0_60.npz", a.train().getFileName().toString());
        assertEquals("synthetic_60_120.npz", a.test().getFileName().toString());
        assertArrayEquals(Files.readAllBytes(a.train()), Files.readAllBytes(b.train()));
        assertArrayEquals(Files.readAllBytes(a.test()), Files.readAllBytes(b.test()));
        try (TutorialFile file = TutorialFile.open(a.train(), ContentPolicy.REJECT)) {
            assertEquals(60, file.jetCount());
            assertTrue(file.isSynthetic());
            assertTrue(file.syntheticNote().orElseThrow().contains(SyntheticSample.BANNER));
            assertTrue(file.scanAllArrays().isClean(), file.report().summary());
        }
    }

    /**
     * The files of a fixed seed never change unnoticed: these SHA-256 sums were recorded when the sample became the
     * one CMS would record (DeepJet's variables, hadron species, clustering, material, vertex finder; issue 19). A
     * change of the model changes them on purpose; update them then and say so in docs/synthetic.md. Recorded on
     * x86-64 (OpenJDK 17): {@code java.lang.Math}'s transcendental functions may differ in the last bit on other
     * architectures.
     */
    @Test
    void filesOfAFixedSeedKeepTheirChecksums(@TempDir Path dir) throws IOException, NoSuchAlgorithmException {
        assumeTrue(System.getProperty("os.arch").matches("amd64|x86_64"), "checksums recorded on x86-64");
        SyntheticSample.Files files = SyntheticSample.write(dir, 300, 1, 2);
        assertEquals("ec68da5f10cfc127f758b73515a82b3fbf1741d57d5f17dc6b8147df1047c046", sha256(files.train()));
        assertEquals("0cc984e50cd52834f46e933174e9f4075b372ff03fb7311546128868db2dcf4d", sha256(files.test()));
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void countsMatchFilledRowsAndPaddingIsZero() {
        check(JetArray.SEEDING_TRACKS, JetColumn.N_SEEDS);
        check(JetArray.NEUTRAL_CANDIDATES, JetColumn.N_NPFCAND);
        check(JetArray.CHARGED_CANDIDATES, JetColumn.N_CPFCAND);
        check(JetArray.SECONDARY_VERTICES, JetColumn.NSV);
        // arr_5: seed s is column s of the (720, 10) block; filled seeds are the first min(n_seeds, 10)
        float[] deep = jets.raw(JetArray.DEEP_VERTEX_INPUTS);
        for (int row = 0; row < JETS; row++) {
            int filled = Math.min((int) jet(row, JetColumn.N_SEEDS), 10);
            for (int s = 0; s < 10; s++) {
                boolean any = false;
                for (int k = 0; k < 720; k++) {
                    any |= deep[row * 7200 + k * 10 + s] != 0f;
                }
                int jetTracks = (int) jet(row, JetColumn.N_CPFCAND);
                assertEquals(s < filled && jetTracks > 1, any, "jet " + row + " seed " + s);
            }
        }
    }

    private static void check(JetArray array, JetColumn count) {
        float[] values = jets.raw(array);
        int cap = array.capacity();
        int vars = array.variableCount();
        for (int row = 0; row < JETS; row++) {
            int filled = Math.min((int) jet(row, count), cap);
            for (int i = 0; i < cap; i++) {
                boolean any = false;
                for (int v = 0; v < vars; v++) {
                    any |= values[(row * cap + i) * vars + v] != 0f;
                }
                assertEquals(i < filled, any, array.entryName() + " jet " + row + " row " + i);
            }
        }
    }

    @Test
    void candidatesAndVerticesAreOrderedAndBoundedAsDeepJetRecordsThem() {
        float[] charged = jets.raw(JetArray.CHARGED_CANDIDATES);
        float[] neutral = jets.raw(JetArray.NEUTRAL_CANDIDATES);
        float[] vertices = jets.raw(JetArray.SECONDARY_VERTICES);
        int sip2dSig = JetArray.CHARGED_CANDIDATES.variableIndex("Cpfcan_BtagPf_trackSip2dSig");
        int neutralDrmin = JetArray.NEUTRAL_CANDIDATES.variableIndex("Npfcan_drminsv");
        int dxysig = JetArray.SECONDARY_VERTICES.variableIndex("sv_dxysig");
        for (int row = 0; row < JETS; row++) {
            int nCharged = Math.min(25, (int) jet(row, JetColumn.N_CPFCAND));
            for (int i = 0; i < nCharged; i++) {
                int o = (row * 25 + i) * 16;
                if (i > 0) {
                    assertTrue(charged[o + sip2dSig] <= charged[o - 16 + sip2dSig], "jet " + row + ": sip2dSig order");
                }
                assertTrue(charged[o + 10] >= -1 && charged[o + 10] <= 0, "Cpfcan_ptrel in [-1, 0]");
                assertTrue(charged[o + 11] >= -0.4f && charged[o + 11] <= 0, "Cpfcan_drminsv in [-0.4, 0]");
                assertTrue(charged[o + 6] >= -1 && charged[o + 8] >= -1, "significances bounded below by -1");
                int association = (int) charged[o + 12];
                assertTrue(association >= 4 && association <= 7, "CHS keeps PV-associated tracks: " + association);
            }
            int nNeutral = Math.min(25, (int) jet(row, JetColumn.N_NPFCAND));
            for (int i = 0; i < nNeutral; i++) {
                int o = (row * 25 + i) * 6;
                if (i > 0) {
                    assertTrue(neutral[o + neutralDrmin] >= neutral[o - 6 + neutralDrmin], "nearest vertex first");
                }
                assertTrue(neutral[o] >= -1 && neutral[o] <= 0 && neutral[o + 1] >= -0.6f && neutral[o + 1] <= 0);
                assertTrue(neutral[o + 2] == 0 || neutral[o + 2] == 1, "isGamma is a flag");
                assertTrue(neutral[o + 5] >= 0 && neutral[o + 5] <= 1, "PUPPI weight in [0, 1]");
            }
            int nsv = (int) jet(row, JetColumn.NSV);
            int category = (int) jet(row, JetColumn.VERTEX_CATEGORY);
            assertEquals(nsv > 0, category == 0, "jet " + row + ": vertex category " + category + ", nsv " + nsv);
            if (category == 0) {
                assertEquals(vertices[row * 48 + 3], jet(row, JetColumn.JET_N_TRACKS_ETA_REL), "jet " + row);
            } else if (category == 2) {
                assertEquals(0f, jet(row, JetColumn.JET_N_TRACKS_ETA_REL));
            }
            for (int v = 0; v < Math.min(nsv, 4); v++) {
                int o = row * 48 + v * 12;
                if (v > 0) {
                    assertTrue(vertices[o + dxysig] <= vertices[o - 12 + dxysig], "vertices by flight significance");
                }
                // the b-tagging vertex selection
                assertTrue(vertices[o + 3] >= 2 && vertices[o + 2] < 6.5, "tracks, mass");
                assertTrue(vertices[o + 6] > 0.01 && vertices[o + 6] < 2.5 && vertices[o + dxysig] > 3, "flight");
                assertTrue(vertices[o + 1] >= -0.5f && vertices[o + 1] <= -0.1f, "sv_deltaR = dR - 0.5, dR < 0.4");
                assertTrue(vertices[o + 11] > 0, "energy ratio");
            }
        }
    }

    /**
     * The figures of docs/synthetic.md's "Done when", on 5,000 jets with bounds wide enough for that size: the
     * second-track cut, the leading vertex's mass and the K0s window.
     */
    @Test
    void trackCountingAndVertexMassesLookLikeCms() {
        SyntheticJets sample = SyntheticSample.generate(11, 0, 5_000, 2);
        float[] table = sample.raw(JetArray.JETS);
        float[] charged = sample.raw(JetArray.CHARGED_CANDIDATES);
        float[] vertices = sample.raw(JetArray.SECONDARY_VERTICES);
        int[] jetsOf = new int[3];
        int[] tagged = new int[3];
        int[] withVertex = new int[3];
        int[] heavyVertex = new int[3];
        int lightK0sWindow = 0;
        for (int row = 0; row < sample.jetCount(); row++) {
            int truth = (int) table[row * JetColumn.COUNT + JetColumn.TRUTH.index()];
            int kind = truth == 5 ? 0 : truth == 4 ? 1 : truth == 1 || truth == 21 ? 2 : -1;
            if (kind < 0) {
                continue;
            }
            jetsOf[kind]++;
            int n = Math.min(25, (int) table[row * JetColumn.COUNT + JetColumn.N_CPFCAND.index()]);
            float first = Float.NEGATIVE_INFINITY;
            float second = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                float sig = charged[(row * 25 + i) * 16 + 8];
                if (sig > first) {
                    second = first;
                    first = sig;
                } else if (sig > second) {
                    second = sig;
                }
            }
            tagged[kind] += second > 3.3f ? 1 : 0;
            if (table[row * JetColumn.COUNT + JetColumn.NSV.index()] > 0) {
                withVertex[kind]++;
                float mass = vertices[row * 48 + 2];
                heavyVertex[kind] += mass > 2 ? 1 : 0;
                lightK0sWindow += kind == 2 && mass > 0.45f && mass < 0.55f ? 1 : 0;
            }
        }
        double bEfficiency = (double) tagged[0] / jetsOf[0];
        double mistag = (double) tagged[2] / jetsOf[2];
        assertTrue(bEfficiency > 0.5 && bEfficiency < 0.75, "second track > 3.3: b " + bEfficiency);
        assertTrue(mistag > 0.005 && mistag < 0.04, "second track > 3.3: light+gluon " + mistag);
        double bHeavy = (double) heavyVertex[0] / withVertex[0];
        assertTrue(bHeavy > 0.3 && bHeavy < 0.6, "b vertices above 2 GeV " + bHeavy);
        assertTrue((double) heavyVertex[1] / withVertex[1] < 0.15, "c vertices above 2 GeV " + heavyVertex[1]);
        assertTrue(withVertex[2] > 0.02 * jetsOf[2] && withVertex[2] < 0.15 * jetsOf[2],
            "light jets with a vertex " + withVertex[2] + " of " + jetsOf[2]);
        assertTrue(lightK0sWindow < 0.15 * withVertex[2], "light vertices at the K0s mass " + lightK0sWindow);
    }

    @Test
    void nothingLiesOutsideTheConeOfTheJetAxis() {
        float[] charged = jets.raw(JetArray.CHARGED_CANDIDATES);
        float[] neutral = jets.raw(JetArray.NEUTRAL_CANDIDATES);
        int trackDeltaR = JetArray.CHARGED_CANDIDATES.variableIndex("Cpfcan_BtagPf_trackDeltaR");
        int neutralDeltaR = JetArray.NEUTRAL_CANDIDATES.variableIndex("Npfcan_deltaR");
        for (int row = 0; row < JETS; row++) {
            for (int i = 0; i < Math.min(25, (int) jet(row, JetColumn.N_CPFCAND)); i++) {
                float dr = charged[(row * 25 + i) * 16 + trackDeltaR];
                assertTrue(dr >= 0 && dr < 0.4f + 1e-6f, "jet " + row + ": charged candidate at dR " + dr);
            }
            for (int i = 0; i < Math.min(25, (int) jet(row, JetColumn.N_NPFCAND)); i++) {
                float dr = neutral[(row * 25 + i) * 6 + neutralDeltaR] + 0.6f;
                assertTrue(dr >= 0 && dr < 0.4f + 1e-6f, "jet " + row + ": neutral candidate at dR " + dr);
            }
        }
    }

    @Test
    void truthIsConsistentAndTheMixLooksLikeQcdPlusTtbar() {
        int[] counts = new int[22];
        int physDiffers = 0;
        for (int row = 0; row < JETS; row++) {
            counts[(int) jet(row, JetColumn.TRUTH)]++;
            if (jet(row, JetColumn.TRUTH) != jet(row, JetColumn.TRUTH_PHYS)) {
                physDiffers++;
            }
            double pt = jet(row, JetColumn.JET_PT);
            assertTrue(pt > 10 && pt < 1500, "pT " + pt);
            assertTrue(Math.abs(jet(row, JetColumn.JET_ETA)) < 2.5);
        }
        assertTrue(counts[5] > JETS * 0.12 && counts[5] < JETS * 0.30, "b jets " + counts[5]);
        assertTrue(counts[1] > counts[21] && counts[21] > counts[4], Arrays.toString(counts));
        assertTrue(physDiffers > 0 && physDiffers < JETS / 10, "isPhys differs for " + physDiffers);
    }

    @Test
    void bJetsHaveDisplacedTracksAndLightJetsSymmetricOnes() {
        float[] tracks = jets.raw(JetArray.SEEDING_TRACKS);
        double bSum = 0;
        int bN = 0;
        double lightPositive = 0;
        double lightNegative = 0;
        float[] charged = jets.raw(JetArray.CHARGED_CANDIDATES);
        for (int row = 0; row < JETS; row++) {
            int truth = (int) jet(row, JetColumn.TRUTH);
            if (truth == 5 && jet(row, JetColumn.N_SEEDS) > 0) {
                bSum += tracks[row * 210 + 9];
                bN++;
            }
            if (truth == 1) {
                for (int i = 0; i < Math.min(25, (int) jet(row, JetColumn.N_CPFCAND)); i++) {
                    float sig = charged[(row * 25 + i) * 16 + 5]; // Sip2dVal: its significance is bounded at -1
                    if (sig > 0) {
                        lightPositive++;
                    } else {
                        lightNegative++;
                    }
                }
            }
        }
        assertTrue(bSum / bN > 5, "leading seed significance of b jets " + bSum / bN);
        double asymmetry = (lightPositive - lightNegative) / (lightPositive + lightNegative);
        assertTrue(Math.abs(asymmetry) < 0.15, "light-jet IP sign asymmetry " + asymmetry);
    }
}
