package dev.btag.data.dataset;

import java.util.SplittableRandom;

/**
 * The seeded randomness of an epoch, in one place for every dataset: the generator an epoch draws its order from
 * (a function of the dataset's seed and the epoch number only, so a resumed run repeats an uninterrupted one) and a
 * Fisher–Yates permutation.
 */
final class EpochOrder {

    private EpochOrder() {
    }

    /**
     * The generator of one epoch.
     *
     * @param seed the dataset's seed
     * @param epoch the epoch, from 0
     * @return a generator that depends on both and on nothing else
     */
    static SplittableRandom random(long seed, int epoch) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
    }

    /**
     * A uniformly random permutation (Fisher–Yates).
     *
     * @param values the values to permute (not modified)
     * @param rng the generator
     * @return a permuted copy
     */
    static int[] permutation(int[] values, SplittableRandom rng) {
        int[] out = values.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
