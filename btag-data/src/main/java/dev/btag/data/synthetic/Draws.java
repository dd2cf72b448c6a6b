package dev.btag.data.synthetic;

import java.util.SplittableRandom;

/**
 * The random distributions of the simulation that {@link SplittableRandom} does not provide. Every method consumes a
 * fixed or a data-determined number of values from the stream, so a jet's simulation stays reproducible.
 */
final class Draws {

    private Draws() {
    }

    /**
     * A Poisson draw (Knuth's product method; a rounded Gaussian above a mean of 40).
     *
     * @param rng the random stream
     * @param mean the mean, 0 or more
     * @return the count
     */
    static int poisson(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 40) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = rng.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            k++;
        }
        return k;
    }

    /**
     * A momentum fraction from the Kartvelishvili fragmentation function f(x) ∝ x^α (1 - x), whose mean is
     * (α + 1) / (α + 3): it is the Beta(α + 1, 2) distribution, drawn as the product U^(1/(α+1)) · V^(1/(α+2)) of two
     * uniform numbers.
     *
     * @param rng the random stream
     * @param alpha the shape α (&gt; -1)
     * @return x in (0, 1)
     */
    static double kartvelishvili(SplittableRandom rng, double alpha) {
        double u = 1 - rng.nextDouble();
        double v = 1 - rng.nextDouble();
        return Math.pow(u, 1 / (alpha + 1)) * Math.pow(v, 1 / (alpha + 2));
    }
}
