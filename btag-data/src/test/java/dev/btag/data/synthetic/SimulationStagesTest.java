package dev.btag.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.TruthFlag;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The three stages of a simulated jet, checked inside the package: what each may see, and their physics. */
class SimulationStagesTest {

    private static float[][] emptyArrays() {
        float[][] out = new float[JetArray.values().length][];
        for (JetArray array : JetArray.values()) {
            out[array.ordinal()] = new float[array.valuesPerJet()];
        }
        return out;
    }

    /**
     * No truth reaches the inputs: the encoder reads the reconstructed jet, and from the generated one only the
     * truth flags and the pile-up count. Scrambling every other truth field leaves all six rows unchanged.
     */
    @Test
    void theEncoderWritesNoTruthButTheFlagsAndThePileUpCount() {
        JetGenerator generator = new JetGenerator();
        JetReconstruction reconstruction = new JetReconstruction();
        LayoutEncoder encoder = new LayoutEncoder();
        GeneratedJet gen = new GeneratedJet();
        ReconstructedJet rec = new ReconstructedJet();
        int checked = 0;
        for (int i = 0; i < 200; i++) {
            SplittableRandom rng = new SplittableRandom(SyntheticSample.jetSeed(5, 0, i));
            generator.generate(rng, gen);
            reconstruction.reconstruct(rng, gen, rec);
            float[][] before = emptyArrays();
            encoder.write(gen, rec, before, 0);
            for (int p = 0; p < gen.particles; p++) {
                gen.lepton[p] = !gen.lepton[p];
                gen.source[p] = GeneratedJet.FROM_B;
                gen.hadron[p] = 0;
                gen.species[p] = Species.MUON;
                gen.px[p] = -gen.px[p];
            }
            gen.hadrons = 0;
            gen.pt = 1;
            gen.eta = -gen.eta;
            gen.gluonLike = !gen.gluonLike;
            float[][] after = emptyArrays();
            encoder.write(gen, rec, after, 0);
            for (JetArray array : JetArray.values()) {
                assertArrayEquals(before[array.ordinal()], after[array.ordinal()], array.entryName() + " jet " + i);
            }
            checked += rec.tracks > 0 ? 1 : 0;
        }
        assertTrue(checked > 150, "jets with tracks: " + checked);
    }

    /**
     * Impact-parameter tails come from physics and are only weakly visible in the track quality: the χ²/ndf of
     * prompt tracks with a hard scatter separates them from the others with an AUC below 0.75, and their pixel hits
     * are the same.
     */
    @Test
    void tailsAreOnlyWeaklyCorrelatedWithChi2AndHits() {
        JetGenerator generator = new JetGenerator();
        JetReconstruction reconstruction = new JetReconstruction();
        GeneratedJet gen = new GeneratedJet();
        ReconstructedJet rec = new ReconstructedJet();
        double[] tail = new double[20_000];
        double[] core = new double[200_000];
        int nTail = 0;
        int nCore = 0;
        double hitsTail = 0;
        double hitsCore = 0;
        for (int i = 0; i < 3000; i++) {
            SplittableRandom rng = new SplittableRandom(SyntheticSample.jetSeed(6, 0, i));
            generator.generate(rng, gen);
            reconstruction.reconstruct(rng, gen, rec);
            for (int t = 0; t < rec.tracks; t++) {
                if (rec.source[t] != GeneratedJet.FRAGMENTATION) {
                    continue;
                }
                if (rec.hardScatter[t] && nTail < tail.length) {
                    tail[nTail++] = rec.chi2[t];
                    hitsTail += rec.pixelHits[t];
                } else if (nCore < core.length) {
                    core[nCore++] = rec.chi2[t];
                    hitsCore += rec.pixelHits[t];
                }
            }
        }
        assertTrue(nTail > 200, "hard-scatter tracks: " + nTail);
        double auc = auc(Arrays.copyOf(tail, nTail), Arrays.copyOf(core, nCore));
        assertTrue(auc > 0.5 && auc < 0.75, "chi2 AUC of the tail tracks " + auc);
        assertEquals(hitsCore / nCore, hitsTail / nTail, 0.1, "pixel hits of tail and core tracks");
    }

    /** P(signal score &gt; background score) with ties counted one half (the Mann–Whitney statistic). */
    private static double auc(double[] signal, double[] background) {
        double[] b = background.clone();
        Arrays.sort(b);
        double sum = 0;
        for (double s : signal) {
            int below = lowerBound(b, s);
            int notAbove = upperBound(b, s);
            sum += below + 0.5 * (notAbove - below);
        }
        return sum / ((double) signal.length * b.length);
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The flags decide the decays: isB has no lepton, isLeptonicB one from the b decay, isLeptonicB_C from the c. */
    @Test
    void semileptonicFlagsDecideTheDecays() {
        JetGenerator generator = new JetGenerator();
        GeneratedJet gen = new GeneratedJet();
        int[] seen = new int[TruthFlag.values().length];
        for (int i = 0; i < 4000; i++) {
            generator.generate(new SplittableRandom(SyntheticSample.jetSeed(8, 0, i)), gen);
            int fromB = 0;
            int fromC = 0;
            for (int p = 0; p < gen.particles; p++) {
                if (gen.lepton[p]) {
                    if (gen.source[p] == GeneratedJet.FROM_B) {
                        fromB++;
                    } else {
                        fromC++;
                    }
                }
            }
            seen[gen.flag.ordinal()]++;
            switch (gen.flag) {
                case B -> assertEquals(0, fromB + fromC, "isB jet " + i);
                case LEPTONIC_B -> assertEquals(1, fromB, "isLeptonicB jet " + i);
                case LEPTONIC_B_C -> assertEquals(1, fromC, "isLeptonicB_C jet " + i);
                case UD, S, G, UNDEFINED -> assertEquals(0, fromB + fromC, "light jet " + i);
                default -> { }
            }
        }
        assertTrue(seen[TruthFlag.LEPTONIC_B_C.ordinal()] > 50, Arrays.toString(seen));
    }
}
