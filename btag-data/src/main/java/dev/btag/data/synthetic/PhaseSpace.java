package dev.btag.data.synthetic;

import java.util.SplittableRandom;

/**
 * N-body decay kinematics: momenta of massive daughters in the parent's rest frame, drawn with the RAMBO algorithm
 * (Kleiss, Stirling, Ellis, Comput. Phys. Commun. 40 (1986) 359) for massless momenta and rescaled to the daughters'
 * masses, then boosted to the laboratory. The event weights of RAMBO are not applied: the momenta follow phase space
 * closely but not exactly, which is enough for a toy.
 *
 * <p>A reusable scratch object holding at most {@link #MAX} daughters; not thread-safe. Momenta in GeV.
 */
final class PhaseSpace {

    /** Most daughters of one decay. */
    static final int MAX = 12;

    /** Daughter energies. */
    final double[] e = new double[MAX];
    /** Daughter momenta, x. */
    final double[] px = new double[MAX];
    /** Daughter momenta, y. */
    final double[] py = new double[MAX];
    /** Daughter momenta, z. */
    final double[] pz = new double[MAX];
    /** Number of daughters of the last decay. */
    int count;

    /**
     * Draws the rest-frame momenta of {@code n} daughters of a parent of mass {@code mass}.
     *
     * @param rng the random stream
     * @param mass the parent mass (GeV)
     * @param masses the daughter masses; the first {@code n} are used
     * @param n the number of daughters, 2 to {@link #MAX}
     * @throws IllegalArgumentException when the daughters are heavier than the parent or {@code n} is out of range
     */
    void decay(SplittableRandom rng, double mass, double[] masses, int n) {
        if (n < 2 || n > MAX) {
            throw new IllegalArgumentException("daughters must be 2 to " + MAX + ", not " + n);
        }
        double massSum = 0;
        for (int i = 0; i < n; i++) {
            massSum += masses[i];
        }
        if (massSum >= mass) {
            throw new IllegalArgumentException("daughters of mass " + massSum + " from a parent of mass " + mass);
        }
        count = n;
        double qe = 0;
        double qx = 0;
        double qy = 0;
        double qz = 0;
        for (int i = 0; i < n; i++) {
            double cos = 2 * rng.nextDouble() - 1;
            double sin = Math.sqrt(1 - cos * cos);
            double phi = 2 * Math.PI * rng.nextDouble();
            double q0 = -Math.log(rng.nextDouble() * rng.nextDouble() + 1e-300);
            e[i] = q0;
            px[i] = q0 * sin * Math.cos(phi);
            py[i] = q0 * sin * Math.sin(phi);
            pz[i] = q0 * cos;
            qe += e[i];
            qx += px[i];
            qy += py[i];
            qz += pz[i];
        }
        // RAMBO: a conformal transformation of the n momenta to total momentum zero and energy `mass`
        double qm = Math.sqrt(qe * qe - qx * qx - qy * qy - qz * qz);
        double bx = -qx / qm;
        double by = -qy / qm;
        double bz = -qz / qm;
        double x = mass / qm;
        double gamma = qe / qm;
        double a = 1 / (1 + gamma);
        for (int i = 0; i < n; i++) {
            double bq = bx * px[i] + by * py[i] + bz * pz[i];
            double q0 = e[i];
            e[i] = x * (gamma * q0 + bq);
            px[i] = x * (px[i] + bx * q0 + a * bq * bx);
            py[i] = x * (py[i] + by * q0 + a * bq * by);
            pz[i] = x * (pz[i] + bz * q0 + a * bq * bz);
        }
        rescaleToMasses(mass, masses, n);
    }

    /** Scales the massless momenta by the ξ for which the massive energies sum to the parent mass (Newton). */
    private void rescaleToMasses(double mass, double[] masses, int n) {
        double massSum = 0;
        for (int i = 0; i < n; i++) {
            massSum += masses[i];
        }
        double xi = Math.sqrt(1 - (massSum / mass) * (massSum / mass));
        for (int iteration = 0; iteration < 8; iteration++) {
            double f = -mass;
            double df = 0;
            for (int i = 0; i < n; i++) {
                double p2 = e[i] * e[i];
                double energy = Math.sqrt(masses[i] * masses[i] + xi * xi * p2);
                f += energy;
                df += xi * p2 / energy;
            }
            xi -= f / df;
            if (Math.abs(f) < 1e-10 * mass) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            px[i] *= xi;
            py[i] *= xi;
            pz[i] *= xi;
            e[i] = Math.sqrt(masses[i] * masses[i] + px[i] * px[i] + py[i] * py[i] + pz[i] * pz[i]);
        }
    }

    /**
     * Boosts the daughters of the last decay from the parent's rest frame to the frame where the parent has
     * four-momentum (pe, ppx, ppy, ppz).
     *
     * @param pe parent energy
     * @param ppx parent momentum, x
     * @param ppy parent momentum, y
     * @param ppz parent momentum, z
     * @param mass parent mass
     */
    void boost(double pe, double ppx, double ppy, double ppz, double mass) {
        double bx = ppx / pe;
        double by = ppy / pe;
        double bz = ppz / pe;
        double gamma = pe / mass;
        double factor = gamma * gamma / (gamma + 1);
        for (int i = 0; i < count; i++) {
            double bp = bx * px[i] + by * py[i] + bz * pz[i];
            double add = factor * bp + gamma * e[i];
            e[i] = gamma * (e[i] + bp);
            px[i] += add * bx;
            py[i] += add * by;
            pz[i] += add * bz;
        }
    }
}
