package dev.btag.data.weight;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Resampling instead of weighting (DeepJetCore's {@code remove} mode): keeps each jet with a probability
 * proportional to its weight, so that the kept jets, unweighted, follow the distribution the weights describe.
 *
 * <p>The probability of jet i of class c is {@code w[i] / max(w of class c)}: each class is normalised to its own
 * largest weight, so every class keeps as many jets as its target shape allows (the class with the largest weights
 * in a cell keeps all its jets there) and no class is thinned for another's sake. The class totals of the kept
 * sample therefore differ; combine with {@link ClassWeights} to balance them. Jets of no class and jets of weight 0
 * are never kept. The draw is seeded: jet i is kept when the i-th number of a {@link SplittableRandom} seeded with
 * {@code seed} is below its probability, so equal inputs and seeds keep the same jets.
 */
public final class Resampler {

    private Resampler() {
    }

    /**
     * The jets to keep.
     *
     * @param weights one finite, non-negative weight per jet
     * @param classes one class index per jet (-1 for none)
     * @param classCount the number of classes
     * @param seed the seed of the draw
     * @return the kept jets' indices, ascending (input order)
     */
    public static int[] keep(float[] weights, int[] classes, int classCount, long seed) {
        if (weights.length != classes.length) {
            throw new IllegalArgumentException(weights.length + " weights for " + classes.length + " jets");
        }
        double[] max = new double[classCount];
        for (int i = 0; i < weights.length; i++) {
            if (classes[i] >= 0) {
                max[classes[i]] = Math.max(max[classes[i]], weights[i]);
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] kept = new int[weights.length];
        int n = 0;
        for (int i = 0; i < weights.length; i++) {
            double u = rng.nextDouble();
            int c = classes[i];
            if (c >= 0 && weights[i] > 0 && u * max[c] < weights[i]) {
                kept[n++] = i;
            }
        }
        return Arrays.copyOf(kept, n);
    }
}
