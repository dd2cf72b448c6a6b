package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.Kinematics.asinh;
import static dev.btag.data.synthetic.Kinematics.hypot;
import static dev.btag.data.synthetic.Kinematics.wrap;

/**
 * Clusters the particle-flow candidates of a {@link ReconstructedJet} into the jet: an iterative cone of radius
 * {@link #RADIUS} started from the parton's direction, whose axis is the four-vector sum (E scheme) of the candidates
 * inside it — for a single hard jet the same constituents as anti-kT with R = 0.4. {@link #finish} removes the
 * candidates outside the final cone from the record, so nothing beyond ΔR 0.4 of the axis remains, and sets the jet's
 * kinematics (charged candidates as pions, neutral ones massless) and the neutral candidates' PUPPI weights.
 *
 * <p>Not thread-safe: it works on the record it is given. Draws no random numbers.
 */
final class JetClustering {

    /** Cone radius in η-φ. */
    static final double RADIUS = 0.4;
    /** Iterations of the cone axis. */
    static final int ITERATIONS = 4;

    private ReconstructedJet rec;
    private double sumX;
    private double sumY;
    private double sumZ;
    private double sumE;

    /**
     * Finds the jet axis: the cone iterated from a starting direction. The candidates are not pruned yet (the vertex
     * finder, like CMS's, sees every track of the event first).
     *
     * @param into the record whose candidates are clustered
     * @param eta starting pseudorapidity (the parton's)
     * @param phi starting azimuth
     */
    void cluster(ReconstructedJet into, double eta, double phi) {
        rec = into;
        double axisEta = eta;
        double axisPhi = phi;
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            sum(axisEta, axisPhi);
            double pt = hypot(sumX, sumY);
            if (pt < 1e-6) {
                break;
            }
            axisEta = asinh(sumZ / pt);
            axisPhi = Math.atan2(sumY, sumX);
        }
        rec.jetEta = axisEta;
        rec.jetPhi = axisPhi;
        double c = Math.cosh(axisEta);
        rec.axisX = Math.cos(axisPhi) / c;
        rec.axisY = Math.sin(axisPhi) / c;
        rec.axisZ = Math.tanh(axisEta);
        rec = null;
    }

    /**
     * Completes the jet: removes the candidates outside the cone (after charged-hadron subtraction has removed the
     * pile-up tracks), then sets its pT, energy and mass from the constituents and the neutral candidates' PUPPI
     * weights. The axis is the clustered one.
     *
     * @param into the clustered jet
     */
    void finish(ReconstructedJet into) {
        rec = into;
        prune(rec.jetEta, rec.jetPhi);
        sum(rec.jetEta, rec.jetPhi);
        double pt = hypot(sumX, sumY);
        rec.jetPt = pt;
        rec.jetEnergy = sumE;
        rec.jetP = Math.sqrt(pt * pt + sumZ * sumZ);
        rec.jetMass = Math.sqrt(Math.max(0, sumE * sumE - rec.jetP * rec.jetP));
        puppiWeights();
        rec = null;
    }

    private static boolean inside(double eta, double phi, double axisEta, double axisPhi) {
        double de = eta - axisEta;
        double dp = wrap(phi - axisPhi);
        return de * de + dp * dp < RADIUS * RADIUS;
    }

    /** The four-vector sum of the candidates within the cone around (axisEta, axisPhi). */
    private void sum(double axisEta, double axisPhi) {
        sumX = 0;
        sumY = 0;
        sumZ = 0;
        sumE = 0;
        for (int t = 0; t < rec.tracks; t++) {
            if (inside(rec.eta[t], rec.phi[t], axisEta, axisPhi)) {
                sumX += rec.px[t];
                sumY += rec.py[t];
                sumZ += rec.pz[t];
                sumE += rec.pionEnergy(t);
            }
        }
        for (int k = 0; k < rec.neutrals; k++) {
            if (inside(rec.neutralEta[k], rec.neutralPhi[k], axisEta, axisPhi)) {
                double pt = rec.neutralPt[k];
                sumX += pt * Math.cos(rec.neutralPhi[k]);
                sumY += pt * Math.sin(rec.neutralPhi[k]);
                sumZ += pt * Math.sinh(rec.neutralEta[k]);
                sumE += rec.neutralEnergy[k];
            }
        }
    }

    /** Removes the candidates outside the final cone, keeping the order of the others. */
    private void prune(double axisEta, double axisPhi) {
        int kept = 0;
        for (int t = 0; t < rec.tracks; t++) {
            if (inside(rec.eta[t], rec.phi[t], axisEta, axisPhi)) {
                if (kept != t) {
                    rec.moveTrack(t, kept);
                }
                kept++;
            }
        }
        rec.tracks = kept;
        kept = 0;
        for (int k = 0; k < rec.neutrals; k++) {
            if (inside(rec.neutralEta[k], rec.neutralPhi[k], axisEta, axisPhi)) {
                if (kept != k) {
                    rec.moveNeutral(k, kept);
                }
                kept++;
            }
        }
        rec.neutrals = kept;
    }

    /**
     * PUPPI-like weights of the neutral candidates from their neighbourhood: α = ln Σ (pT_j / ΔR_ij)² over the
     * charged candidates j within 0.02 &lt; ΔR &lt; 0.3 (all from the primary vertex after charged-hadron subtraction)
     * plus the candidate's own pT term, and w = 1 / (1 + exp(-(α - 4))). Soft, isolated neutrals — typical of
     * pile-up — get low weights; the weight uses no truth.
     */
    private void puppiWeights() {
        for (int k = 0; k < rec.neutrals; k++) {
            double sum = rec.neutralPt[k] * rec.neutralPt[k] / (RADIUS * RADIUS);
            for (int t = 0; t < rec.tracks; t++) {
                double de = rec.eta[t] - rec.neutralEta[k];
                double dp = wrap(rec.phi[t] - rec.neutralPhi[k]);
                double r2 = de * de + dp * dp;
                if (r2 > 0.0004 && r2 < 0.09) {
                    sum += rec.pt[t] * rec.pt[t] / r2;
                }
            }
            double alpha = Math.log(sum);
            rec.puppiWeight[k] = 1 / (1 + Math.exp(-(alpha - 4)));
        }
    }
}
