package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.Kinematics.asinh;
import static dev.btag.data.synthetic.Kinematics.hypot;
import static dev.btag.data.synthetic.Kinematics.wrap;

/**
 * Secondary vertices in the spirit of CMS's inclusive vertex finder (IVF) and its b-tagging selection:
 * <ol>
 *   <li>tracks with pT &gt; 0.8 GeV, at least one pixel hit, χ²/ndf &lt; 5 and |dz| &lt; 0.3 cm take part; those
 *       with a 3D impact parameter of at least 50 µm and 1.2 σ are seeds, taken by decreasing significance;</li>
 *   <li>a seed clusters the free tracks incompatible with the primary vertex (|3D IP significance| ≥ 1.5) whose
 *       distance of closest approach to it (of the measured lines) is below 500 µm and
 *       {@link #CLUSTER_MAX_SIGNIFICANCE} σ, at an opening angle below 60°, meeting it at a point
 *       {@link #DISTANCE_RATIO} times further from the primary vertex than their distance;</li>
 *   <li>each cluster of at least two tracks is fitted (the mean of the pair meeting points of the measured track
 *       lines; its resolution is worse along the flight direction) and tracks more than 4 σ from it are
 *       dropped;</li>
 *   <li>vertices closer than {@link #MERGE_SIGNIFICANCE} σ of their separation are merged (this is how a b vertex and
 *       its close-by c vertex become one), and free tracks within {@link #ARBITRATION_SIGNIFICANCE} σ of a vertex that
 *       are incompatible with the primary vertex join it;</li>
 *   <li>a vertex is kept with ≥ 2 tracks, a transverse flight between 100 µm and 2.5 cm with significance &gt; 3,
 *       mass below 6.5 GeV, momentum within 18° of the flight direction (cosine 0.95), flight direction and
 *       momentum within ΔR 0.4 of the jet axis, less than 79% of its tracks used in the primary-vertex fit with a
 *       weight above 0.5, and no pair of oppositely charged tracks within 50 MeV of the K0s mass (the V0
 *       filter).</li>
 * </ol>
 * The kept vertices get DeepJet's twelve variables ({@code arr_4}; the energy ratio, variable 11, is set once the
 * jet's energy is known) and are ordered by decreasing transverse flight significance, as DeepNTuples orders them.
 * Lengths in cm, momenta in GeV. Not thread-safe.
 */
final class VertexFinder {

    /** Largest distance of closest approach of a clustered track to the seed (cm). */
    static final double CLUSTER_MAX_DISTANCE = 0.05;
    /** Largest significance of that distance. */
    static final double CLUSTER_MAX_SIGNIFICANCE = 4.5;
    /** The meeting point must be this many times further from the primary vertex than the distance. */
    static final double DISTANCE_RATIO = 20;
    /**
     * Tracks within this many σ (3D impact-parameter significance) of the primary vertex are left to it, as the
     * adaptive vertex reconstructor's primary cut does; they join no secondary vertex.
     */
    static final double PRIMARY_COMPATIBLE = 1.5;
    /** Vertices closer than this many σ are merged. */
    static final double MERGE_SIGNIFICANCE = 2.0;
    /** Free tracks closer than this many σ to a vertex join it. */
    static final double ARBITRATION_SIGNIFICANCE = 2.0;
    /** Smallest cosine between a vertex's flight direction and its momentum (IVF's vertexMinAngleCosine). */
    static final double MIN_POINTING = 0.95;
    /**
     * A vertex is dropped when this fraction of its tracks or more is used in the primary-vertex fit with a weight
     * above 0.5 ({@code pvAssociationQuality} 7).
     */
    static final double MAX_PV_FRACTION = 0.79;
    /** K0s mass (GeV) of the V0 veto. */
    static final double K0S_MASS = 0.4976;
    /** Half-width of the V0 veto (GeV). */
    static final double K0S_WINDOW = 0.05;
    private static final int MAX_CLUSTERS = 24;
    private static final int MAX_MEMBERS = 32;

    private final ClosestApproach approach = new ClosestApproach();
    private final int[] candidates = new int[ReconstructedJet.MAX_TRACKS];
    private final int[] seedOrder = new int[ReconstructedJet.MAX_TRACKS];
    private final double[] key = new double[ReconstructedJet.MAX_TRACKS];
    private final int[] owner = new int[ReconstructedJet.MAX_TRACKS];
    private final int[][] members = new int[MAX_CLUSTERS][MAX_MEMBERS];
    private final int[] memberCount = new int[MAX_CLUSTERS];
    private final double[][] position = new double[MAX_CLUSTERS][3];
    private final double[] sigmaAlong = new double[MAX_CLUSTERS];
    private final double[] sigmaAcross = new double[MAX_CLUSTERS];
    private final double[] significance = new double[MAX_CLUSTERS];
    private final int[] order = new int[MAX_CLUSTERS];
    private final double[] sumX = new double[3];
    private int clusters;
    private int candidateCount;
    private ReconstructedJet rec;

    /**
     * Finds the secondary vertices of a jet whose tracks are measured, sets {@link ReconstructedJet#inVertex} and
     * fills {@link ReconstructedJet#vertex}.
     *
     * @param into the jet
     */
    void find(ReconstructedJet into) {
        rec = into;
        clusters = 0;
        candidateCount = 0;
        int seeds = 0;
        for (int t = 0; t < rec.tracks; t++) {
            owner[t] = -1;
            rec.inVertex[t] = false;
            if (rec.pt[t] > 0.8 && rec.pixelHits[t] >= 1 && rec.chi2[t] < 5 && Math.abs(rec.dz[t]) < 0.3) {
                candidates[candidateCount++] = t;
                if (Math.abs(rec.ip3d[t]) >= 0.005 && Math.abs(rec.sig3d[t]) >= 1.2) {
                    seedOrder[seeds++] = t;
                    key[t] = Math.abs(rec.sig3d[t]);
                }
            }
        }
        DescendingOrder.sort(seedOrder, seeds, key);
        for (int i = 0; i < seeds && clusters < MAX_CLUSTERS; i++) {
            if (owner[seedOrder[i]] < 0) {
                cluster(seedOrder[i]);
            }
        }
        merge();
        arbitrate();
        select();
        rec = null;
    }

    /** Clusters the free candidates compatible with a seed; keeps the cluster when it fits with ≥ 2 tracks. */
    private void cluster(int seed) {
        int c = clusters;
        int m = 0;
        members[c][m++] = seed;
        for (int i = 0; i < candidateCount && m < MAX_MEMBERS; i++) {
            int t = candidates[i];
            if (t == seed || owner[t] >= 0 || Math.abs(rec.sig3d[t]) < PRIMARY_COMPATIBLE) {
                continue;
            }
            approach.ofTracks(rec, seed, t);
            double sigma = hypot(rec.sigmaXy[seed], rec.sigmaXy[t]);
            double d = approach.distance;
            if (d < CLUSTER_MAX_DISTANCE && d < CLUSTER_MAX_SIGNIFICANCE * sigma && approach.cosOpening > 0.5
                && approach.midpointRadius > DISTANCE_RATIO * d) {
                members[c][m++] = t;
            }
        }
        memberCount[c] = m;
        if (m < 2) {
            return;
        }
        fit(c);
        if (memberCount[c] < 2) {
            return;
        }
        for (int i = 0; i < memberCount[c]; i++) {
            owner[members[c][i]] = c;
        }
        clusters++;
    }

    /**
     * Fits cluster {@code c}: the mean of the meeting points of its first track's measured line with the others'
     * (so the vertex carries the tracks' measurement errors), with a resolution estimate (across the flight: the
     * tracks' mean resolution / √(n - 1); along it: that over the sine of the mean opening angle); drops tracks more
     * than 4 σ from the result and refits once.
     */
    private void fit(int c) {
        for (int pass = 0; pass < 2; pass++) {
            int m = memberCount[c];
            int first = members[c][0];
            double mx = 0;
            double my = 0;
            double mz = 0;
            double sin = 0;
            double sigma = rec.sigmaXy[first];
            for (int i = 1; i < m; i++) {
                int t = members[c][i];
                approach.ofTracks(rec, first, t);
                mx += approach.midX;
                my += approach.midY;
                mz += approach.midZ;
                sin += approach.sinOpening;
                sigma += rec.sigmaXy[t];
            }
            double across = Math.max(0.0010, sigma / m / Math.sqrt(m - 1));
            double along = Math.min(0.2, across / Math.max(0.02, sin / (m - 1)));
            placeVertex(c, mx / (m - 1), my / (m - 1), mz / (m - 1), across, along);
            if (pass == 1 || !dropOutliers(c)) {
                return;
            }
        }
    }

    /** Records the fitted point of cluster {@code c} and its resolution. */
    private void placeVertex(int c, double x, double y, double z, double across, double along) {
        position[c][0] = x;
        position[c][1] = y;
        position[c][2] = z;
        sigmaAlong[c] = along;
        sigmaAcross[c] = across;
    }

    /** Removes the tracks of cluster {@code c} more than 4 σ from its vertex; true when any was removed. */
    private boolean dropOutliers(int c) {
        int kept = 0;
        int m = memberCount[c];
        for (int i = 0; i < m; i++) {
            int t = members[c][i];
            double d = ClosestApproach.pointToTrack(rec, t, position[c][0], position[c][1], position[c][2]);
            if (d < 4 * hypot(rec.sigmaXy[t], sigmaAcross[c]) || m - (i - kept) <= 2) {
                members[c][kept++] = t;
            }
        }
        memberCount[c] = kept;
        return kept < m;
    }

    /** Merges vertices whose separation is below {@link #MERGE_SIGNIFICANCE} σ, refitting the union. */
    private void merge() {
        boolean merged = true;
        while (merged) {
            merged = false;
            for (int i = 0; i < clusters && !merged; i++) {
                for (int j = i + 1; j < clusters && !merged; j++) {
                    double dx = position[i][0] - position[j][0];
                    double dy = position[i][1] - position[j][1];
                    double dz = position[i][2] - position[j][2];
                    double sigma = hypot(hypot(sigmaAlong[i], sigmaAlong[j]), hypot(sigmaAcross[i], sigmaAcross[j]));
                    if (Math.sqrt(dx * dx + dy * dy + dz * dz) < MERGE_SIGNIFICANCE * sigma) {
                        absorb(i, j);
                        merged = true;
                    }
                }
            }
        }
    }

    /** Moves the tracks of cluster {@code j} into cluster {@code i}, refits i and removes j. */
    private void absorb(int i, int j) {
        for (int k = 0; k < memberCount[j] && memberCount[i] < MAX_MEMBERS; k++) {
            members[i][memberCount[i]++] = members[j][k];
        }
        int last = clusters - 1;
        if (j != last) {
            System.arraycopy(members[last], 0, members[j], 0, memberCount[last]);
            memberCount[j] = memberCount[last];
            System.arraycopy(position[last], 0, position[j], 0, 3);
            sigmaAlong[j] = sigmaAlong[last];
            sigmaAcross[j] = sigmaAcross[last];
        }
        clusters--;
        fit(i);
        for (int k = 0; k < candidateCount; k++) {
            owner[candidates[k]] = -1;
        }
        for (int c = 0; c < clusters; c++) {
            for (int k = 0; k < memberCount[c]; k++) {
                owner[members[c][k]] = c;
            }
        }
    }

    /** Free candidate tracks within {@link #ARBITRATION_SIGNIFICANCE} σ of a vertex, and displaced, join it. */
    private void arbitrate() {
        for (int i = 0; i < candidateCount; i++) {
            int t = candidates[i];
            if (owner[t] >= 0 || Math.abs(rec.sig3d[t]) < PRIMARY_COMPATIBLE) {
                continue;
            }
            for (int c = 0; c < clusters; c++) {
                double d = ClosestApproach.pointToTrack(rec, t, position[c][0], position[c][1], position[c][2]);
                if (d < ARBITRATION_SIGNIFICANCE * hypot(rec.sigmaXy[t], sigmaAcross[c])
                    && memberCount[c] < MAX_MEMBERS) {
                    members[c][memberCount[c]++] = t;
                    owner[t] = c;
                    break;
                }
            }
        }
    }

    /** Applies the b-tagging vertex selection and writes the kept vertices' variables, by decreasing significance. */
    private void select() {
        int kept = 0;
        for (int c = 0; c < clusters; c++) {
            if (kinematics(c)) {
                order[kept++] = c;
            }
        }
        DescendingOrder.sort(order, kept, significance);
        int n = Math.min(kept, ReconstructedJet.MAX_VERTICES);
        for (int i = 0; i < n; i++) {
            int c = order[i];
            writeVertex(c, i);
            for (int k = 0; k < memberCount[c]; k++) {
                rec.inVertex[members[c][k]] = true;
            }
        }
        rec.vertices = n;
    }

    /** A summed four-momentum in GeV. */
    private record FourMomentum(double px, double py, double pz, double e) {
        double pt() {
            return hypot(px, py);
        }
    }

    /** The summed momentum of cluster c's tracks and their energy as pions. */
    private FourMomentum fourMomentum(int c) {
        double px = 0;
        double py = 0;
        double pz = 0;
        double e = 0;
        for (int k = 0; k < memberCount[c]; k++) {
            int t = members[c][k];
            px += rec.px[t];
            py += rec.py[t];
            pz += rec.pz[t];
            e += rec.pionEnergy(t);
        }
        return new FourMomentum(px, py, pz, e);
    }

    /** Computes cluster c's momentum and flight and applies the selection; true when it is kept. */
    private boolean kinematics(int c) {
        int m = memberCount[c];
        FourMomentum q = fourMomentum(c);
        int fromPrimary = 0;
        for (int k = 0; k < m; k++) {
            if (rec.vertexAssociation[members[c][k]] == 7) {
                fromPrimary++;
            }
        }
        double pt = q.pt();
        double mass = Math.sqrt(Math.max(0, q.e() * q.e() - q.px() * q.px() - q.py() * q.py() - q.pz() * q.pz()));
        double[] x = position[c];
        double dxy = hypot(x[0], x[1]);
        double sigmaXy = sigmaXy(c);
        significance[c] = dxy / sigmaXy;
        double momentumDeltaR = hypot(asinh(q.pz() / Math.max(pt, 1e-9)) - rec.jetEta,
            wrap(Math.atan2(q.py(), q.px()) - rec.jetPhi));
        double flightDeltaR = hypot(asinh(x[2] / Math.max(dxy, 1e-9)) - rec.jetEta, wrap(Math.atan2(x[1], x[0])
            - rec.jetPhi));
        boolean v0 = containsV0(c);
        double d3d = Math.sqrt(dxy * dxy + x[2] * x[2]);
        double p = Math.sqrt(pt * pt + q.pz() * q.pz());
        double pointing = d3d > 0 && p > 0 ? (x[0] * q.px() + x[1] * q.py() + x[2] * q.pz()) / (d3d * p) : 1;
        return m >= 2 && pointing > MIN_POINTING && dxy > 0.01 && dxy < 2.5 && significance[c] > 3 && mass < 6.5
            && flightDeltaR < 0.4 && momentumDeltaR < 0.4 && !v0 && fromPrimary < MAX_PV_FRACTION * m;
    }

    /** Whether two oppositely charged tracks of cluster c have a mass (as pions) within the K0s window. */
    private boolean containsV0(int c) {
        int m = memberCount[c];
        for (int i = 0; i < m; i++) {
            int a = members[c][i];
            for (int j = i + 1; j < m; j++) {
                int b = members[c][j];
                if (rec.charge[a] == rec.charge[b]) {
                    continue;
                }
                double px = rec.px[a] + rec.px[b];
                double py = rec.py[a] + rec.py[b];
                double pz = rec.pz[a] + rec.pz[b];
                double e = rec.pionEnergy(a) + rec.pionEnergy(b);
                double mass = Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
                if (Math.abs(mass - K0S_MASS) < K0S_WINDOW) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Transverse flight uncertainty of cluster c from its resolution along and across the flight direction. */
    private double sigmaXy(int c) {
        double[] x = position[c];
        double r = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
        double sinTheta = r > 1e-9 ? hypot(x[0], x[1]) / r : 1;
        return hypot(sigmaAlong[c] * sinTheta, sigmaAcross[c]);
    }

    /** Writes the DeepJet variables of cluster {@code c} as vertex {@code slot} of the record. */
    private void writeVertex(int c, int slot) {
        int m = memberCount[c];
        FourMomentum q = fourMomentum(c);
        double chi2 = 0;
        double[] x = position[c];
        for (int k = 0; k < m; k++) {
            int t = members[c][k];
            double d = ClosestApproach.pointToTrack(rec, t, x[0], x[1], x[2]);
            double s = hypot(rec.sigmaXy[t], sigmaAcross[c]);
            chi2 += d * d / (s * s);
        }
        double pt = q.pt();
        double p = Math.sqrt(pt * pt + q.pz() * q.pz());
        double mass = Math.sqrt(Math.max(0, q.e() * q.e() - p * p));
        double ndf = 2 * m - 3;
        double dxy = hypot(x[0], x[1]);
        double d3d = Math.sqrt(dxy * dxy + x[2] * x[2]);
        double sigma3d = hypot(sigmaAlong[c], sigmaAcross[c]);
        double eta = asinh(q.pz() / Math.max(pt, 1e-9));
        double phi = Math.atan2(q.py(), q.px());
        float[] v = rec.vertex[slot];
        v[0] = (float) pt;
        v[1] = (float) bound(hypot(eta - rec.jetEta, wrap(phi - rec.jetPhi)) - 0.5, -2, 0);
        v[2] = (float) mass;
        v[3] = m;
        v[4] = (float) chi2;
        v[5] = (float) bound(chi2 / ndf, -1000, 1000);
        v[6] = (float) dxy;
        v[7] = (float) bound(dxy / sigmaXy(c), -1, 800);
        v[8] = (float) d3d;
        v[9] = (float) bound(d3d / sigma3d, -1, 800);
        v[10] = (float) (d3d > 0 && p > 0 ? (x[0] * q.px() + x[1] * q.py() + x[2] * q.pz()) / (d3d * p) : 1);
        rec.vertexEnergy[slot] = q.e();
        rec.vertexEta[slot] = eta;
        rec.vertexPhi[slot] = phi;
    }

    private static double bound(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
