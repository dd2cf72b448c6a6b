package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.GeneratedJet.FRAGMENTATION;
import static dev.btag.data.synthetic.GeneratedJet.FROM_B;
import static dev.btag.data.synthetic.GeneratedJet.FROM_D;
import static dev.btag.data.synthetic.GeneratedJet.MAX_HADRONS;
import static dev.btag.data.synthetic.GeneratedJet.MAX_TRACKS;
import static dev.btag.data.synthetic.GeneratedJet.PILEUP;
import static dev.btag.data.synthetic.Kinematics.asinh;
import static dev.btag.data.synthetic.Kinematics.hypot;
import static dev.btag.data.synthetic.Kinematics.wrap;

import java.util.SplittableRandom;

/**
 * Reconstruction, a {@link GeneratedJet} as a detector would see it: it measures each track's impact parameters
 * with a pT-dependent resolution and non-Gaussian tails, applies the CSV track selection, reconstructs secondary
 * vertices from the hadron decays (and fakes from tails), sums the constituents into the measured jet, computes the
 * jet-level CSV variables, picks the seeds and measures their pair variables, and finds the DeepVertex neighbours
 * of each seed. The result is a {@link ReconstructedJet}.
 *
 * <p>Units: lengths in cm, momenta and masses in GeV. Resolutions: transverse IP √(20² + (90/pT)²) µm, longitudinal
 * √(30² + (120/pT)²)·√cosh η µm; 12% of the tracks have six times that (tails). The track pT resolution and the
 * efficiency of displaced tracks are applied by {@link JetGenerator} (see there why).
 *
 * <p>Not thread-safe (it keeps scratch buffers); the result depends only on the generated jet and the random stream.
 */
final class JetReconstruction {

    /** Fraction of tracks whose impact parameter is smeared with {@link #TAIL_WIDTH} times the resolution. */
    static final double TAIL_FRACTION = 0.12;
    /** Resolution factor of the tail tracks. */
    static final double TAIL_WIDTH = 6.0;
    /** Probability that the b- and c-hadron vertices of a b jet are reconstructed as one vertex. */
    static final double MERGE_B_AND_D = 0.6;
    /** Mass (GeV) the selected tracks must exceed, summed as pions, for the track "above charm". */
    static final double CHARM_THRESHOLD = 1.5;

    // ---- CSV track selection and seeds ----
    /** Selected tracks: pT above this (GeV). */
    static final double SELECT_PT_MIN = 1.0;
    /** Selected tracks: |d0| below this (cm). */
    static final double SELECT_IP2D_MAX = 0.2;
    /** Selected tracks: |dz| below this (cm). */
    static final double SELECT_DZ_MAX = 0.3;
    /** Seeds: selected tracks with a 3D IP significance above this. */
    static final double SEED_SIG_MIN = 1.0;
    /** Pseudo-vertex tracks: selected tracks with a 2D IP significance above this. */
    static final double PSEUDO_SIG_MIN = 2.0;
    /** Flight distance recorded for a seed when no partner is found. */
    private static final double NO_PARTNER = -1;

    private final ClosestApproach approach = new ClosestApproach();
    private final int[] order = new int[MAX_TRACKS];
    private final int[] members = new int[MAX_TRACKS];
    private final double[] sortKey = new double[MAX_TRACKS];
    private final double[] dca = new double[MAX_TRACKS];
    private final double[] dcaSigma = new double[MAX_TRACKS];
    private final double[] midpoint = new double[MAX_TRACKS];
    private final double[] sinOpening = new double[MAX_TRACKS];

    private GeneratedJet gen;
    private ReconstructedJet rec;

    /**
     * Reconstructs one generated jet into {@code into}.
     *
     * @param rng the jet's random stream, continued from generation
     * @param generated the generated jet (read only)
     * @param into the record to fill
     */
    void reconstruct(SplittableRandom rng, GeneratedJet generated, ReconstructedJet into) {
        gen = generated;
        rec = into;
        rec.clear();
        measureTracks(rng);
        reconstructVertices(rng);
        measureJet();
        csvVariables();
        findSeeds();
        rec.correction = 1.0 + 0.6 / Math.sqrt(gen.pt) + 0.02 * rng.nextGaussian();
        measureSeeds(rng);
        findNeighbours(rng);
        gen = null;
        rec = null;
    }

    /** Impact parameters from the track geometry, smeared with a pT-dependent resolution and non-Gaussian tails. */
    private void measureTracks(SplittableRandom rng) {
        for (int t = 0; t < gen.tracks; t++) {
            double pt = gen.trackPt[t];
            double tx = gen.px[t] / pt;
            double ty = gen.py[t] / pt;
            // transverse point of closest approach to the beam line (the primary vertex at the origin)
            double along = gen.originX[t] * tx + gen.originY[t] * ty;
            double pcaX = gen.originX[t] - along * tx;
            double pcaY = gen.originY[t] - along * ty;
            double ip2dTrue = hypot(pcaX, pcaY);
            // lifetime sign: + when the track meets the jet axis downstream of the primary vertex
            double sign = approach.ofAxisAndTrack(gen, t).position >= 0 ? 1 : -1;
            double dzTrue = gen.originZ[t] - along * (gen.pz[t] / pt);
            double sigmaXy = Math.sqrt(0.0020 * 0.0020 + (0.0090 / pt) * (0.0090 / pt));
            double sigmaZ = Math.sqrt(0.0030 * 0.0030 + (0.0120 / pt) * (0.0120 / pt))
                * Math.sqrt(Math.cosh(gen.trackEta[t]));
            boolean tail = rng.nextDouble() < TAIL_FRACTION;
            double smear = tail ? TAIL_WIDTH : 1.0;
            double ip2d = sign * ip2dTrue + smear * sigmaXy * rng.nextGaussian();
            double dzMeas = dzTrue + smear * sigmaZ * rng.nextGaussian();
            double s2 = ip2d / sigmaXy;
            double sz = dzMeas / sigmaZ;
            double sinTheta = 1 / Math.cosh(gen.trackEta[t]);
            double s = ip2d >= 0 ? 1 : -1;
            rec.ip2d[t] = ip2d;
            rec.sig2d[t] = s2;
            rec.ip3d[t] = s * Math.sqrt(ip2d * ip2d + dzMeas * dzMeas * sinTheta * sinTheta);
            rec.sig3d[t] = s * Math.sqrt(s2 * s2 + sz * sz);
            rec.sigmaXy[t] = sigmaXy;
            rec.dz[t] = dzMeas;
            rec.chi2[t] = Math.max(0.1, (tail ? 2.2 : 1.0) + 0.35 * rng.nextGaussian());
            rec.pixelHits[t] = tail ? 1 + rng.nextInt(3) : 2 + rng.nextInt(3);
            double dR = hypot(gen.trackEta[t] - gen.eta, wrap(gen.trackPhi[t] - gen.phi));
            rec.selected[t] = pt > SELECT_PT_MIN && Math.abs(ip2d) < SELECT_IP2D_MAX
                && Math.abs(dzMeas) < SELECT_DZ_MAX && dR < 0.3 && rec.pixelHits[t] >= 2;
            rec.inVertex[t] = false;
        }
    }

    /**
     * Secondary vertices: a hadron decay becomes a reconstructed vertex when at least two of its selected tracks have
     * a 3D IP significance above 2 and it passes an efficiency; prompt tracks with large tails sometimes make a fake.
     */
    private void reconstructVertices(SplittableRandom rng) {
        for (int h = 0; h < gen.hadrons; h++) {
            // a b hadron is followed by its cascade c hadron; the two vertices are often fitted as one
            boolean merge = gen.hadronKind[h] == FROM_B && h + 1 < gen.hadrons && gen.hadronKind[h + 1] == FROM_D
                && rng.nextDouble() < MERGE_B_AND_D;
            int m = 0;
            for (int t = 0; t < gen.tracks; t++) {
                if ((gen.hadron[t] == h || merge && gen.hadron[t] == h + 1) && rec.selected[t] && rec.sig3d[t] > 2.0) {
                    members[m++] = t;
                }
            }
            double efficiency = gen.hadronKind[h] == FROM_B ? 0.75 : gen.hadronKind[h] == FROM_D ? 0.65 : 0.6;
            if (m >= 2 && rng.nextDouble() < efficiency) {
                addVertex(rng, m, gen.hadronX[h], gen.hadronY[h], gen.hadronZ[h]);
            }
            if (merge) {
                h++;
            }
        }
        int m = 0;
        for (int t = 0; t < gen.tracks; t++) {
            if ((gen.source[t] == FRAGMENTATION || gen.source[t] == PILEUP) && rec.selected[t]
                && Math.abs(rec.sig3d[t]) > 3.0) {
                members[m++] = t;
            }
        }
        if (m >= 2 && rng.nextDouble() < 0.5) {
            addVertex(rng, Math.min(m, 3), 0, 0, 0);
        }
    }

    /** Fits a vertex of the first {@code m} tracks of {@link #members} at the true point (x, y, z), smeared. */
    private void addVertex(SplittableRandom rng, int m, double x, double y, double z) {
        if (rec.vertices >= MAX_HADRONS) {
            return;
        }
        double px = 0;
        double py = 0;
        double pz = 0;
        double e = 0;
        for (int i = 0; i < m; i++) {
            int t = members[i];
            rec.inVertex[t] = true;
            px += gen.px[t];
            py += gen.py[t];
            pz += gen.pz[t];
            e += gen.pionEnergy(t);
        }
        double mass = Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
        double sigmaXy = 0.0040 + 0.0015 * rng.nextExponential();
        double sigma3d = 1.6 * sigmaXy;
        double mx = x + sigmaXy * rng.nextGaussian();
        double my = y + sigmaXy * rng.nextGaussian();
        double mz = z + sigma3d * rng.nextGaussian();
        double dxy = hypot(mx, my);
        double d3d = Math.sqrt(dxy * dxy + mz * mz);
        double pt = hypot(px, py);
        double p = Math.sqrt(pt * pt + pz * pz);
        double cos = d3d > 0 && p > 0 ? (mx * px + my * py + mz * pz) / (d3d * p) : 1;
        double sign = mx * Math.cos(gen.phi) + my * Math.sin(gen.phi) >= 0 ? 1 : -1;
        int ndf = Math.max(1, 2 * m - 3);
        double chi2 = Math.max(0.05, ndf * (1 + 0.4 * rng.nextGaussian()));
        float[] v = rec.vertex[rec.vertices];
        v[0] = (float) pt;
        v[1] = (float) (asinh(pz / Math.max(pt, 1e-9)) - gen.eta);
        v[2] = (float) wrap(Math.atan2(py, px) - gen.phi);
        v[3] = (float) mass;
        v[4] = m;
        v[5] = (float) chi2;
        v[6] = (float) (chi2 / ndf);
        v[7] = (float) (sign * dxy);
        v[8] = (float) (sign * dxy / sigmaXy);
        v[9] = (float) (sign * d3d);
        v[10] = (float) (sign * d3d / sigma3d);
        v[11] = (float) cos;
        rec.vertexSignificance[rec.vertices] = sign * dxy / sigmaXy;
        rec.vertices++;
    }

    /** The measured jet: the four-vector sum of the charged (as pions, pile-up left out) and neutral constituents. */
    private void measureJet() {
        double px = 0;
        double py = 0;
        double pz = 0;
        double e = 0;
        for (int t = 0; t < gen.tracks; t++) {
            if (gen.source[t] != PILEUP) {
                px += gen.px[t];
                py += gen.py[t];
                pz += gen.pz[t];
                e += gen.pionEnergy(t);
            }
        }
        for (int k = 0; k < gen.neutrals; k++) {
            double c = Math.cosh(gen.neutralEta[k]);
            px += gen.neutralPt[k] * Math.cos(gen.neutralPhi[k]);
            py += gen.neutralPt[k] * Math.sin(gen.neutralPhi[k]);
            pz += gen.neutralPt[k] * Math.sinh(gen.neutralEta[k]);
            e += gen.neutralPt[k] * c;
        }
        rec.measuredPt = hypot(px, py);
        rec.mass = Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
    }

    /**
     * The jet-level CSV variables from the selected tracks and the vertices; leaves the selected tracks in
     * {@link #order} by decreasing 3D IP significance and the vertices in {@link ReconstructedJet#vertexOrder}.
     */
    private void csvVariables() {
        int nSel = 0;
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int t = 0; t < gen.tracks; t++) {
            if (rec.selected[t]) {
                order[nSel++] = t;
                sx += gen.px[t];
                sy += gen.py[t];
                sz += gen.pz[t];
            }
        }
        rec.selectedCount = nSel;
        double sumPt = hypot(sx, sy);
        rec.trackSumEtRatio = nSel == 0 ? 0 : sumPt / rec.measuredPt;
        rec.trackSumDeltaR = nSel == 0 ? 0
            : hypot(asinh(sz / Math.max(sumPt, 1e-9)) - gen.eta, wrap(Math.atan2(sy, sx) - gen.phi));
        rec.aboveCharm2d = aboveCharm(nSel, rec.sig2d);
        rec.aboveCharm3d = aboveCharm(nSel, rec.sig3d);
        int pseudoTracks = 0;
        for (int i = 0; i < nSel; i++) {
            if (rec.sig2d[order[i]] > PSEUDO_SIG_MIN) {
                pseudoTracks++;
            }
        }
        for (int i = 0; i < rec.vertices; i++) {
            rec.vertexOrder[i] = i;
        }
        DescendingOrder.sort(rec.vertexOrder, rec.vertices, rec.vertexSignificance);
        int category = rec.vertices > 0 ? 0 : pseudoTracks >= 2 ? 1 : 2;
        rec.vertexCategory = category;
        rec.tracksEtaRel = category == 0 ? (int) rec.vertex[rec.vertexOrder[0]][4] : category == 1 ? pseudoTracks : 0;
    }

    /**
     * The CSV "above charm" track: selected tracks (the first {@code nSel} of {@link #order}) by decreasing
     * significance, summed as pions until the mass exceeds {@link #CHARM_THRESHOLD}; returns that track, or -1.
     * Leaves {@link #order} sorted by the significance.
     */
    private int aboveCharm(int nSel, double[] significance) {
        for (int i = 0; i < nSel; i++) {
            sortKey[order[i]] = significance[order[i]];
        }
        DescendingOrder.sort(order, nSel, sortKey);
        double px = 0;
        double py = 0;
        double pz = 0;
        double e = 0;
        for (int i = 0; i < nSel; i++) {
            int t = order[i];
            px += gen.px[t];
            py += gen.py[t];
            pz += gen.pz[t];
            e += gen.pionEnergy(t);
            double m2 = e * e - px * px - py * py - pz * pz;
            if (m2 > CHARM_THRESHOLD * CHARM_THRESHOLD) {
                return t;
            }
        }
        return -1;
    }

    /** Seeds: selected tracks with 3D IP significance above {@link #SEED_SIG_MIN}, by decreasing significance. */
    private void findSeeds() {
        int nSeeds = 0;
        for (int i = 0; i < rec.selectedCount; i++) {
            int t = order[i];
            if (rec.sig3d[t] > SEED_SIG_MIN) {
                rec.seeds[nSeeds] = t;
                sortKey[t] = rec.sig3d[t];
                nSeeds++;
            }
        }
        DescendingOrder.sort(rec.seeds, nSeeds, sortKey);
        rec.seedCount = nSeeds;
    }

    /**
     * The first seeds against the jet axis (distance and decay length, smeared) and against the other seeds:
     * the closest partner and how many seeds meet it near a common displaced point.
     */
    private void measureSeeds(SplittableRandom rng) {
        int measured = Math.min(rec.seedCount, ReconstructedJet.SEEDS_MEASURED);
        for (int i = 0; i < measured; i++) {
            int t = rec.seeds[i];
            double sigma = rec.sigmaXy[t];
            approach.ofAxisAndTrack(gen, t);
            rec.axisDistance[i] = Math.abs(approach.distance + sigma * rng.nextGaussian());
            rec.axisFlight[i] = approach.position + sigma / Math.max(approach.sinOpening, 0.02) * rng.nextGaussian();
            double bestDca = Double.MAX_VALUE;
            double bestFlight = NO_PARTNER;
            int compatible = 0;
            for (int j = 0; j < rec.seedCount; j++) {
                if (j == i) {
                    continue;
                }
                int u = rec.seeds[j];
                approach.ofTracks(gen, t, u);
                double pairSigma = hypot(rec.sigmaXy[t], rec.sigmaXy[u]);
                double pairDca = Math.abs(approach.distance + pairSigma * rng.nextGaussian());
                double pairFlight = Math.min(5.0, Math.max(0, approach.midpointRadius
                    + pairSigma / Math.max(approach.sinOpening, 0.02) * rng.nextGaussian()));
                if (pairDca < bestDca) {
                    bestDca = pairDca;
                    bestFlight = pairFlight;
                }
                if (pairDca < 3 * hypot(rec.sigmaXy[t], rec.sigmaXy[u]) && pairFlight > 0.01) {
                    compatible++;
                }
            }
            rec.partnerDca[i] = bestDca;
            rec.partnerFlight[i] = bestFlight;
            rec.compatibleSeeds[i] = compatible;
        }
    }

    /** For each of the first seeds, the {@link ReconstructedJet#NEIGHBOURS} tracks nearest to it (smeared DCA). */
    private void findNeighbours(SplittableRandom rng) {
        int seedsUsed = Math.min(rec.seedCount, ReconstructedJet.DEEP_VERTEX_SEEDS);
        for (int s = 0; s < seedsUsed; s++) {
            int seed = rec.seeds[s];
            int m = 0;
            for (int t = 0; t < gen.tracks; t++) {
                if (t != seed) {
                    approach.ofTracks(gen, seed, t);
                    double sigma = hypot(rec.sigmaXy[seed], rec.sigmaXy[t]);
                    double d = Math.abs(approach.distance + sigma * rng.nextGaussian());
                    order[m] = t;
                    sortKey[t] = -d;
                    dca[t] = d;
                    dcaSigma[t] = sigma;
                    midpoint[t] = Math.max(0, approach.midpointRadius
                        + sigma / Math.max(approach.sinOpening, 0.02) * rng.nextGaussian());
                    sinOpening[t] = approach.sinOpening;
                    m++;
                }
            }
            DescendingOrder.sort(order, m, sortKey);
            int neighbours = Math.min(m, ReconstructedJet.NEIGHBOURS);
            rec.neighbourCount[s] = neighbours;
            for (int k = 0; k < neighbours; k++) {
                int t = order[k];
                rec.neighbour[s][k] = t;
                rec.neighbourDca[s][k] = dca[t];
                rec.neighbourDcaSigma[s][k] = dcaSigma[t];
                rec.neighbourMidpoint[s][k] = midpoint[t];
                rec.neighbourSinOpening[s][k] = sinOpening[t];
            }
        }
    }
}
