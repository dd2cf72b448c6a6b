package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.Kinematics.asinh;
import static dev.btag.data.synthetic.Kinematics.hypot;
import static dev.btag.data.synthetic.Kinematics.wrap;

import java.util.SplittableRandom;

/**
 * Reconstruction, a {@link GeneratedJet} as a detector would record it: the detector response (material
 * interactions, tracking, calorimeter; {@link DetectorResponse}), the jet clustered from the particle-flow candidates
 * ({@link JetClustering}), each track's impact parameters relative to that jet's axis, the CSV track selection,
 * the primary-vertex association, the secondary vertices ({@link VertexFinder}, from all tracks near the jet as CMS
 * finds them from all tracks of the event), the charged-hadron subtraction (tracks nearer in z to one of the
 * pile-up vertices leave the jet) and the cone (candidates beyond ΔR 0.4 leave it), the jet-level CSV variables,
 * the seeds and their pair variables, and the DeepVertex neighbours of each seed. The result is a
 * {@link ReconstructedJet}.
 *
 * <p>Impact-parameter resolution (CMS-like, lengths in cm): transverse σ = 0.0010 (1 + 0.15 η²) ⊕ 0.0100 √cosh η / pT,
 * longitudinal σ = 0.0020 cosh η ⊕ 0.0110 cosh^1.5 η / pT; the multiple-scattering term is three times wider for the
 * 3% of tracks with a single hard scatter (which the fit does not know: their significance has a tail) and their χ²
 * is only slightly higher. A track produced at a transverse distance s from its closest approach to the beam misses
 * the primary vertex by an extra s² / 2R because of its curvature R in the field (conversions, V0 and
 * nuclear-interaction products). The sign of an impact parameter is the sign of the scalar product of the
 * impact-parameter vector with the jet axis, as in CMS.
 *
 * <p>Not thread-safe (it keeps scratch buffers); the result depends only on the generated jet and the random stream.
 */
final class JetReconstruction {

    /** Mass (GeV) the selected tracks must exceed, summed as pions, for the track "above charm". */
    static final double CHARM_THRESHOLD = 1.5;
    /** Seeds: selected tracks with a 3D IP significance above this. */
    static final double SEED_SIG_MIN = 1.0;
    /** Pseudo-vertex tracks: selected tracks with a 2D IP significance above this. */
    static final double PSEUDO_SIG_MIN = 2.0;
    /**
     * True spread of the measured impact parameters over the uncertainty the fit assigns (the pull width): the
     * fit underestimates its errors by 10%, as CMS's impact-parameter pulls of about 1.1 show.
     */
    static final double PULL_WIDTH = 1.1;
    /** Width of the pile-up vertices' z distribution relative to the primary vertex (cm). */
    static final double PILE_UP_Z_WIDTH = 5.0;
    /** {@code pvAssociationQuality} of a track closer in z to a pile-up vertex (removed by CHS). */
    static final int OTHER_DELTA_Z = 1;
    /** Flight distance recorded for a seed when no partner is found. */
    private static final double NO_PARTNER = -1;

    private final DetectorResponse detector = new DetectorResponse();
    private final JetClustering clustering = new JetClustering();
    private final VertexFinder vertexFinder = new VertexFinder();
    private final ClosestApproach approach = new ClosestApproach();
    private final int[] order = new int[ReconstructedJet.MAX_TRACKS];
    private final double[] sortKey = new double[ReconstructedJet.MAX_TRACKS];
    private final double[] dca = new double[ReconstructedJet.MAX_TRACKS];
    private final double[] dcaSigma = new double[ReconstructedJet.MAX_TRACKS];
    private final double[] midpoint = new double[ReconstructedJet.MAX_TRACKS];
    private final double[] sinOpening = new double[ReconstructedJet.MAX_TRACKS];
    private final double[] pileUpZ = new double[256];
    private int pileUpCount;

    private ReconstructedJet rec;

    /**
     * Reconstructs one generated jet into {@code into}.
     *
     * @param rng the jet's random stream, continued from generation
     * @param generated the generated jet (read only)
     * @param into the record to fill
     */
    void reconstruct(SplittableRandom rng, GeneratedJet generated, ReconstructedJet into) {
        rec = into;
        detector.respond(rng, generated, rec);
        clustering.cluster(rec, generated.eta, generated.phi);
        pileUpVertices(rng, generated.primaryVertices);
        measureTracks(rng);
        vertexFinder.find(rec);
        chargedHadronSubtraction();
        clustering.finish(rec);
        for (int v = 0; v < rec.vertices; v++) {
            rec.vertex[v][11] = (float) (rec.vertexEnergy[v] / rec.jetEnergy);
        }
        csvVariables();
        findSeeds();
        rec.correction = 1.0 + 0.6 / Math.sqrt(Math.max(rec.jetPt, 1)) + 0.02 * rng.nextGaussian();
        measureSeeds();
        findNeighbours();
        rec = null;
    }

    /**
     * The z positions of the pile-up vertices relative to the primary vertex: npv - 1 draws from a Gaussian of width
     * {@link #PILE_UP_Z_WIDTH} (the luminous region's 3.5 cm, times √2 for a difference of two vertices).
     */
    private void pileUpVertices(SplittableRandom rng, int primaryVertices) {
        pileUpCount = Math.min(pileUpZ.length, Math.max(0, primaryVertices - 1));
        for (int i = 0; i < pileUpCount; i++) {
            pileUpZ[i] = PILE_UP_Z_WIDTH * rng.nextGaussian();
        }
    }

    /**
     * Keeps the tracks that are charged particle-flow candidates of the jet: charged-hadron subtraction removes those
     * associated with a pile-up vertex ({@code pvAssociationQuality} 1, {@code fromPV} 0), and tracks that particle
     * flow made part of an identified conversion or nuclear interaction are no candidates.
     */
    private void chargedHadronSubtraction() {
        int kept = 0;
        for (int t = 0; t < rec.tracks; t++) {
            if (rec.vertexAssociation[t] != OTHER_DELTA_Z && rec.pfCandidate[t]) {
                if (kept != t) {
                    rec.moveTrack(t, kept);
                }
                kept++;
            }
        }
        rec.tracks = kept;
    }

    /**
     * Impact parameters (geometry plus curvature, smeared), distance to the jet axis and decay length, the CSV track
     * selection and the primary-vertex association of every track.
     */
    private void measureTracks(SplittableRandom rng) {
        for (int t = 0; t < rec.tracks; t++) {
            double pt = rec.pt[t];
            double tx = rec.px[t] / pt;
            double ty = rec.py[t] / pt;
            double tz = rec.pz[t] / pt;
            // transverse point of closest approach to the beam line, bent by the field
            double along = rec.originX[t] * tx + rec.originY[t] * ty;
            double bend = along * along / (2 * DetectorResponse.CURVATURE_RADIUS_PER_GEV * pt) * rec.charge[t];
            double pcaX = rec.originX[t] - along * tx - bend * ty;
            double pcaY = rec.originY[t] - along * ty + bend * tx;
            double pcaZ = rec.originZ[t] - along * tz;
            double coshEta = Math.cosh(rec.eta[t]);
            double etaTerm = 1 + 0.15 * rec.eta[t] * rec.eta[t];
            double scatter = rec.hardScatter[t] ? 3.0 : 1.0;
            double msXy = 0.0100 * Math.sqrt(coshEta) / pt;
            double msZ = 0.0110 * Math.pow(coshEta, 1.5) / pt;
            double sigmaXy = hypot(0.0010 * etaTerm, msXy);
            double sigmaZ = hypot(0.0020 * coshEta, msZ);
            // the measurement error moves the whole measured line: across the track (transverse) and along z
            double errorXy = PULL_WIDTH * hypot(0.0010 * etaTerm, scatter * msXy) * rng.nextGaussian();
            double errorZ = PULL_WIDTH * hypot(0.0020 * coshEta, scatter * msZ) * rng.nextGaussian();
            pcaX -= errorXy * ty;
            pcaY += errorXy * tx;
            double dz = pcaZ + errorZ;
            rec.originX[t] -= errorXy * ty;
            rec.originY[t] += errorXy * tx;
            rec.originZ[t] += errorZ;
            double sign = pcaX * rec.axisX + pcaY * rec.axisY >= 0 ? 1 : -1;
            double ip2d = sign * hypot(pcaX, pcaY);
            double sinTheta = 1 / coshEta;
            double zPart = dz * sinTheta;
            double ip3d = Math.sqrt(ip2d * ip2d + zPart * zPart);
            double sigma3d = ip3d > 0
                ? Math.sqrt(ip2d * ip2d * sigmaXy * sigmaXy + zPart * zPart * sigmaZ * sigmaZ * sinTheta * sinTheta)
                / ip3d : sigmaXy;
            double s = ip2d >= 0 ? 1 : -1;
            rec.ip2d[t] = ip2d;
            rec.sig2d[t] = ip2d / sigmaXy;
            rec.ip3d[t] = s * ip3d;
            rec.sig3d[t] = s * ip3d / sigma3d;
            rec.sigmaXy[t] = sigmaXy;
            rec.sigmaZ[t] = sigmaZ;
            rec.dz[t] = dz;
            approach.ofAxisAndTrack(rec, t);
            rec.axisDistance[t] = approach.distance;
            rec.decayLength[t] = approach.position;
            double dR = hypot(rec.eta[t] - rec.jetEta, wrap(rec.phi[t] - rec.jetPhi));
            rec.selected[t] = pt > 1.0 && rec.pixelHits[t] >= 2 && rec.chi2[t] < 5 && Math.abs(ip2d) < 0.2
                && Math.abs(dz) < 17 && rec.axisDistance[t] < 0.07 && rec.decayLength[t] < 5 && dR < 0.3;
            rec.vertexAssociation[t] = association(t);
        }
    }

    /**
     * MiniAOD's primary-vertex association from the measured track: used in the adaptive fit with weight
     * 1 / (1 + exp((sig3d² - 9) / 2)) above 0.5 (7, UsedInFitTight) or above 0.05 (6, UsedInFitLoose); otherwise
     * close in z (|dz| &lt; 0.1 cm or 5 σ: 5, CompatibilityDz), compatible with a b decay in the jet (within 0.07 cm of
     * its axis, decay length below 5 cm: 4, CompatibilityBTag), or assigned to the vertex nearest in z: the primary
     * one (5) or a pile-up vertex (1, OtherDeltaZ).
     */
    private int association(int t) {
        double s2 = rec.sig3d[t] * rec.sig3d[t];
        double weight = 1 / (1 + Math.exp(Math.min(50, (s2 - 9) / 2)));
        if (weight > 0.5) {
            return 7;
        }
        if (weight > 0.05) {
            return 6;
        }
        double dz = Math.abs(rec.dz[t]);
        if (dz < 0.1 || dz < 5 * rec.sigmaZ[t]) {
            return 5;
        }
        if (rec.axisDistance[t] < 0.07 && rec.decayLength[t] < 5) {
            return 4;
        }
        for (int i = 0; i < pileUpCount; i++) {
            if (Math.abs(rec.dz[t] - pileUpZ[i]) < dz) {
                return OTHER_DELTA_Z;
            }
        }
        return 5;
    }

    /**
     * The jet-level CSV variables from the selected tracks and the vertices; leaves the selected tracks in
     * {@link #order} by decreasing 3D IP significance.
     */
    private void csvVariables() {
        int nSel = 0;
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int t = 0; t < rec.tracks; t++) {
            if (rec.selected[t]) {
                order[nSel++] = t;
                sx += rec.px[t];
                sy += rec.py[t];
                sz += rec.pz[t];
            }
        }
        rec.selectedCount = nSel;
        double sumPt = hypot(sx, sy);
        rec.trackSumEtRatio = nSel == 0 ? 0 : sumPt / rec.jetPt;
        rec.trackSumDeltaR = nSel == 0 ? 0
            : hypot(asinh(sz / Math.max(sumPt, 1e-9)) - rec.jetEta, wrap(Math.atan2(sy, sx) - rec.jetPhi));
        rec.aboveCharm2d = aboveCharm(nSel, rec.sig2d);
        rec.aboveCharm3d = aboveCharm(nSel, rec.sig3d);
        int pseudoTracks = 0;
        for (int i = 0; i < nSel; i++) {
            if (rec.sig2d[order[i]] > PSEUDO_SIG_MIN) {
                pseudoTracks++;
            }
        }
        int category = rec.vertices > 0 ? 0 : pseudoTracks >= 2 ? 1 : 2;
        rec.vertexCategory = category;
        rec.tracksEtaRel = category == 0 ? (int) rec.vertex[0][3] : category == 1 ? pseudoTracks : 0;
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
            px += rec.px[t];
            py += rec.py[t];
            pz += rec.pz[t];
            e += rec.pionEnergy(t);
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

    /** The first seeds against the other seeds: the closest partner and how many seeds meet it displaced. */
    private void measureSeeds() {
        int measured = Math.min(rec.seedCount, ReconstructedJet.SEEDS_MEASURED);
        for (int i = 0; i < measured; i++) {
            int t = rec.seeds[i];
            double bestDca = Double.MAX_VALUE;
            double bestFlight = NO_PARTNER;
            int compatible = 0;
            for (int j = 0; j < rec.seedCount; j++) {
                if (j == i) {
                    continue;
                }
                int u = rec.seeds[j];
                approach.ofTracks(rec, t, u);
                double pairSigma = hypot(rec.sigmaXy[t], rec.sigmaXy[u]);
                double pairDca = approach.distance;
                double pairFlight = Math.min(5.0, approach.midpointRadius);
                if (pairDca < bestDca) {
                    bestDca = pairDca;
                    bestFlight = pairFlight;
                }
                if (pairDca < 3 * pairSigma && pairFlight > 0.01) {
                    compatible++;
                }
            }
            rec.partnerDca[i] = bestDca;
            rec.partnerFlight[i] = bestFlight;
            rec.compatibleSeeds[i] = compatible;
        }
    }

    /** For each of the first seeds, the {@link ReconstructedJet#NEIGHBOURS} tracks nearest to it (measured DCA). */
    private void findNeighbours() {
        int seedsUsed = Math.min(rec.seedCount, ReconstructedJet.DEEP_VERTEX_SEEDS);
        for (int s = 0; s < seedsUsed; s++) {
            int seed = rec.seeds[s];
            int m = 0;
            for (int t = 0; t < rec.tracks; t++) {
                if (t != seed) {
                    approach.ofTracks(rec, seed, t);
                    double sigma = hypot(rec.sigmaXy[seed], rec.sigmaXy[t]);
                    double d = approach.distance;
                    order[m] = t;
                    sortKey[t] = -d;
                    dca[t] = d;
                    dcaSigma[t] = sigma;
                    midpoint[t] = approach.midpointRadius;
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
