package dev.btag.models.onnx;

import ai.djl.ndarray.types.Shape;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.predict.JetInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random raw jets for any tagger's inputs: the export's agreement check uses them (seed 0) when no file is at hand,
 * and {@code btag bench onnx} times on them. Features are normal around the
 * tagger's standardisation constants; for a track tagger standard-normal tracks; for a branch tagger objects that
 * exercise the masking: every fourth jet (from the first) has no real object in any collection, and in the others
 * each slot is real with probability 0.6, so padding sits between real objects. A DeepVertex-style input gets real
 * seeds (probability 0.7) with real neighbours (probability 0.7) of 36 parameters each, padded seeds and neighbours
 * all zero. Real values are normal, shifted away from zero. The same seed gives the same jets. Stateless and
 * thread-safe.
 */
public final class RandomJets {

    private static final double REAL_SLOT = 0.6;
    private static final double REAL_SEED = 0.7;

    private RandomJets() {
    }

    /**
     * Draws the jets.
     *
     * @param tagger the tagger whose inputs to draw
     * @param n the number of jets, at least 0
     * @param seed the seed of the draw
     * @return raw jets, collections in the tagger's input order
     */
    public static JetInputs of(Tagger tagger, int n, long seed) {
        Random random = new Random(seed);
        InputSpec spec = tagger.inputs();
        int f = spec.featureCount();
        double[] means = spec.standardised() ? spec.means() : new double[f];
        double[] scales = spec.standardised() ? spec.scales() : null;
        float[] features = new float[n * f];
        for (int i = 0; i < features.length; i++) {
            int j = i % f;
            features[i] = (float) (means[j] + (scales == null ? 1 : scales[j]) * random.nextGaussian());
        }
        TaggerSpec taggerSpec = tagger.spec();
        if (!taggerSpec.architecture().usesBranches()) {
            float[] tracks = new float[n * spec.trackCount() * spec.trackVariables()];
            for (int i = 0; i < tracks.length; i++) {
                tracks[i] = (float) random.nextGaussian();
            }
            return new JetInputs(n, features, tracks);
        }
        List<float[]> collections = new ArrayList<>();
        for (Shape shape : taggerSpec.collectionShapes()) {
            int objects = (int) shape.get(0);
            int variables = (int) shape.get(1);
            collections.add(taggerSpec.architecture() == Architecture.DEEPVERTEX
                ? seeds(random, n, objects / BranchGraph.DEEP_VERTEX_PARAMETERS, variables)
                : objects(random, n, objects, variables));
        }
        return new JetInputs(n, features, collections);
    }

    /** (n, O, V) objects, each slot real with probability {@value #REAL_SLOT}; every fourth jet empty. */
    private static float[] objects(Random random, int n, int objects, int variables) {
        float[] values = new float[n * objects * variables];
        for (int jet = 0; jet < n; jet++) {
            for (int o = 0; o < objects; o++) {
                if (jet % 4 != 0 && random.nextDouble() < REAL_SLOT) {
                    for (int v = 0; v < variables; v++) {
                        values[(jet * objects + o) * variables + v] = real(random);
                    }
                }
            }
        }
        return values;
    }

    /** A DeepVertex-style (n, N x 36, S) block: real seeds with real neighbours; every fourth jet empty. */
    private static float[] seeds(Random random, int n, int neighbours, int seeds) {
        int p = BranchGraph.DEEP_VERTEX_PARAMETERS;
        int rows = neighbours * p;
        float[] values = new float[n * rows * seeds];
        for (int jet = 0; jet < n; jet++) {
            for (int s = 0; s < seeds; s++) {
                if (jet % 4 == 0 || random.nextDouble() >= REAL_SEED) {
                    continue;
                }
                for (int k = 0; k < neighbours; k++) {
                    if (random.nextDouble() >= REAL_SEED) {
                        continue;
                    }
                    for (int q = 0; q < p; q++) {
                        values[(jet * rows + k * p + q) * seeds + s] = real(random);
                    }
                }
            }
        }
        return values;
    }

    private static float real(Random random) {
        double g = random.nextGaussian();
        return (float) (g + Math.copySign(0.1, g));
    }

    /**
     * Which objects of a block are real: any variable non-zero (the convention of the DJL blocks and the graph).
     *
     * @param values objects x V values
     * @param variables V
     * @return one flag per object
     */
    static boolean[] realObjects(float[] values, int variables) {
        boolean[] real = new boolean[values.length / variables];
        for (int o = 0; o < real.length; o++) {
            for (int v = 0; v < variables && !real[o]; v++) {
                real[o] = values[o * variables + v] != 0;
            }
        }
        return real;
    }
}
