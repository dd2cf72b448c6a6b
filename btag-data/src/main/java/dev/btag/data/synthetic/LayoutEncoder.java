package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.GeneratedJet.MAX_TRACKS;
import static dev.btag.data.synthetic.Kinematics.hypot;
import static dev.btag.data.synthetic.Kinematics.wrap;

import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TruthFlag;

/**
 * Layout encoding: writes one simulated jet ({@link GeneratedJet} and {@link ReconstructedJet}) as one row of each
 * of the tutorial's six arrays, {@code arr_0} … {@code arr_5} (float32, C order, shapes of {@link JetArray}). This
 * class decides which variable goes into which slot, the order of the candidates and the default values; it computes
 * only differences and ratios of what the other two stages measured, and draws no random numbers.
 *
 * <p>The slots (docs/synthetic.md has the same table; lengths in cm, momenta in GeV, angles in rad, Δ to the jet axis):
 * <ul>
 *   <li>{@code arr_0}: the 52 {@link JetColumn}s; truth columns from {@link TruthFlag#writeTruthColumns}.</li>
 *   <li>{@code arr_1}, seeds by decreasing 3D IP significance, 21 variables: 0–9 the track kinematics (pT, η, φ, Δη,
 *       Δφ, pT / jet pT, signed 2D IP, its significance, signed 3D IP, its significance), 10 2D IP uncertainty,
 *       11 3D IP uncertainty, 12 distance to the jet axis, 13 position of that closest approach along the axis,
 *       14 χ²/ndf, 15 pixel hits, 16 charge, 17 DCA to the nearest other seed, 18 distance of that pair's meeting
 *       point from the primary vertex (17 and 18 {@link #DEFAULT_NO_PARTNER} with a single seed), 19 compatible
 *       seeds, 20 lepton flag.</li>
 *   <li>{@code arr_2}, neutral candidates by decreasing pT, 6 variables: pT / jet pT, Δη, Δφ, ΔR, photon flag,
 *       pT.</li>
 *   <li>{@code arr_3}, charged candidates, the selected tracks first by decreasing 2D IP significance, then the
 *       others by decreasing pT, 16 variables: 0 pT / jet pT, 1 Δη, 2 Δφ, 3 ΔR, 4 2D IP, 5 its significance, 6 3D IP,
 *       7 its significance, 8 charge, 9 dz, 10 χ²/ndf, 11 pixel hits, 12 lepton flag, 13 selected flag,
 *       14 in-vertex flag, 15 pT.</li>
 *   <li>{@code arr_4}, secondary vertices by decreasing flight significance, the 12 variables of
 *       {@link ReconstructedJet#vertex}.</li>
 *   <li>{@code arr_5}, per seed (axis 2) its 20 nearest tracks, neighbour-major along axis 1, 36 parameters: see
 *       {@link #writeDeepVertex}.</li>
 * </ul>
 * Rows beyond a jet's counts are left as they are (zero in a fresh array). To change what a candidate array holds,
 * change its writer here (and the record that supplies the value); the random stream is not affected.
 *
 * <p>Not thread-safe (it keeps scratch buffers).
 */
final class LayoutEncoder {

    /** Default of the *ValAboveCharm columns (cm) when no track crosses the charm threshold. */
    static final float DEFAULT_IP_VALUE = -1f;
    /** Default of the *SigAboveCharm columns when no track crosses the charm threshold. */
    static final float DEFAULT_IP_SIGNIFICANCE = -999f;
    /** Default of the per-seed partner variables (17 and 18 of {@code arr_1}) when a jet has a single seed. */
    static final float DEFAULT_NO_PARTNER = -1f;
    /** Number of the shared track kinematics variables (0–9 of {@code arr_1}). */
    private static final int KINEMATICS = 10;

    private final int[] order = new int[MAX_TRACKS];
    private final double[] sortKey = new double[MAX_TRACKS];
    private final float[] kinematics = new float[KINEMATICS];

    private GeneratedJet gen;
    private ReconstructedJet rec;

    /**
     * Writes one jet at row {@code row} of the six arrays.
     *
     * @param generated the generated jet
     * @param reconstructed its reconstruction
     * @param out the arrays, indexed by {@link JetArray#ordinal()}, each holding whole jet rows
     * @param row the jet's row index within {@code out}
     */
    void write(GeneratedJet generated, ReconstructedJet reconstructed, float[][] out, int row) {
        gen = generated;
        rec = reconstructed;
        writeJetColumns(out[JetArray.JETS.ordinal()], row);
        writeSeeds(out[JetArray.SEEDING_TRACKS.ordinal()], row);
        writeNeutrals(out[JetArray.NEUTRAL_CANDIDATES.ordinal()], row);
        writeCharged(out[JetArray.CHARGED_CANDIDATES.ordinal()], row);
        writeVertices(out[JetArray.SECONDARY_VERTICES.ordinal()], row);
        writeDeepVertex(out[JetArray.DEEP_VERTEX_INPUTS.ordinal()], row);
        gen = null;
        rec = null;
    }

    /** arr_0: the 52 jet columns. */
    private void writeJetColumns(float[] jets, int row) {
        int base = row * JetColumn.COUNT;
        int above2d = rec.aboveCharm2d;
        int above3d = rec.aboveCharm3d;
        jets[base + JetColumn.JET_PT.index()] = (float) rec.measuredPt;
        jets[base + JetColumn.JET_ETA.index()] = (float) gen.eta;
        jets[base + JetColumn.N_CPFCAND.index()] = gen.tracks;
        jets[base + JetColumn.N_NPFCAND.index()] = gen.neutrals;
        jets[base + JetColumn.NSV.index()] = rec.vertices;
        jets[base + JetColumn.NPV.index()] = gen.primaryVertices;
        jets[base + JetColumn.N_SEEDS.index()] = rec.seedCount;
        jets[base + JetColumn.TRACK_SUM_JET_ET_RATIO.index()] = (float) rec.trackSumEtRatio;
        jets[base + JetColumn.TRACK_SUM_JET_DELTA_R.index()] = (float) rec.trackSumDeltaR;
        jets[base + JetColumn.VERTEX_CATEGORY.index()] = rec.vertexCategory;
        jets[base + JetColumn.TRACK_SIP2D_VAL_ABOVE_CHARM.index()] =
            above2d < 0 ? DEFAULT_IP_VALUE : (float) rec.ip2d[above2d];
        jets[base + JetColumn.TRACK_SIP2D_SIG_ABOVE_CHARM.index()] =
            above2d < 0 ? DEFAULT_IP_SIGNIFICANCE : (float) rec.sig2d[above2d];
        jets[base + JetColumn.TRACK_SIP3D_VAL_ABOVE_CHARM.index()] =
            above3d < 0 ? DEFAULT_IP_VALUE : (float) rec.ip3d[above3d];
        jets[base + JetColumn.TRACK_SIP3D_SIG_ABOVE_CHARM.index()] =
            above3d < 0 ? DEFAULT_IP_SIGNIFICANCE : (float) rec.sig3d[above3d];
        jets[base + JetColumn.JET_N_SELECTED_TRACKS.index()] = rec.selectedCount;
        jets[base + JetColumn.JET_N_TRACKS_ETA_REL.index()] = rec.tracksEtaRel;
        jets[base + JetColumn.JET_CORR_PT.index()] = (float) (rec.measuredPt * rec.correction);
        jets[base + JetColumn.JET_PHI.index()] = (float) gen.phi;
        jets[base + JetColumn.JET_MASS.index()] = (float) rec.mass;
        TruthFlag.writeTruthColumns(jets, row, gen.flag, gen.physFlag);
    }

    /** arr_1: the first 10 seeds, 21 variables each. */
    private void writeSeeds(float[] tracks, int row) {
        int cap = JetArray.SEEDING_TRACKS.capacity();
        int vars = JetArray.SEEDING_TRACKS.variableCount();
        int nSeeds = rec.seedCount;
        int stored = Math.min(nSeeds, cap);
        for (int i = 0; i < stored; i++) {
            int t = rec.seeds[i];
            int o = (row * cap + i) * vars;
            writeTrackKinematics(tracks, o, t);
            tracks[o + 10] = (float) rec.sigmaXy[t];
            tracks[o + 11] = (float) (rec.sig3d[t] == 0 ? rec.sigmaXy[t] : Math.abs(rec.ip3d[t] / rec.sig3d[t]));
            tracks[o + 12] = (float) rec.axisDistance[i];
            tracks[o + 13] = (float) rec.axisFlight[i];
            tracks[o + 14] = (float) rec.chi2[t];
            tracks[o + 15] = rec.pixelHits[t];
            tracks[o + 16] = gen.charge[t];
            tracks[o + 17] = nSeeds > 1 ? (float) rec.partnerDca[i] : DEFAULT_NO_PARTNER;
            tracks[o + 18] = nSeeds > 1 ? (float) rec.partnerFlight[i] : DEFAULT_NO_PARTNER;
            tracks[o + 19] = rec.compatibleSeeds[i];
            tracks[o + 20] = gen.lepton[t] ? 1f : 0f;
        }
    }

    /** Variables 0–9 shared by seeds: pT, η, φ, Δη, Δφ, pT fraction, sip2d value/significance, sip3d value/sig. */
    private void writeTrackKinematics(float[] a, int o, int t) {
        a[o] = (float) gen.trackPt[t];
        a[o + 1] = (float) gen.trackEta[t];
        a[o + 2] = (float) gen.trackPhi[t];
        a[o + 3] = (float) (gen.trackEta[t] - gen.eta);
        a[o + 4] = (float) wrap(gen.trackPhi[t] - gen.phi);
        a[o + 5] = (float) (gen.trackPt[t] / gen.pt);
        a[o + 6] = (float) rec.ip2d[t];
        a[o + 7] = (float) rec.sig2d[t];
        a[o + 8] = (float) rec.ip3d[t];
        a[o + 9] = (float) rec.sig3d[t];
    }

    /** arr_2: neutral candidates by decreasing pT: pT fraction, Δη, Δφ, ΔR, photon flag, pT (GeV). */
    private void writeNeutrals(float[] neutrals, int row) {
        int cap = JetArray.NEUTRAL_CANDIDATES.capacity();
        int vars = JetArray.NEUTRAL_CANDIDATES.variableCount();
        for (int k = 0; k < gen.neutrals; k++) {
            order[k] = k;
        }
        DescendingOrder.sort(order, gen.neutrals, gen.neutralPt);
        int stored = Math.min(gen.neutrals, cap);
        for (int i = 0; i < stored; i++) {
            int k = order[i];
            int o = (row * cap + i) * vars;
            double deta = gen.neutralEta[k] - gen.eta;
            double dphi = wrap(gen.neutralPhi[k] - gen.phi);
            neutrals[o] = (float) (gen.neutralPt[k] / gen.pt);
            neutrals[o + 1] = (float) deta;
            neutrals[o + 2] = (float) dphi;
            neutrals[o + 3] = (float) hypot(deta, dphi);
            neutrals[o + 4] = gen.photon[k] ? 1f : 0f;
            neutrals[o + 5] = (float) gen.neutralPt[k];
        }
    }

    /** arr_3: charged candidates, selected tracks first by decreasing 2D IP significance, then the others by pT. */
    private void writeCharged(float[] charged, int row) {
        int cap = JetArray.CHARGED_CANDIDATES.capacity();
        int vars = JetArray.CHARGED_CANDIDATES.variableCount();
        orderChargedCandidates();
        int stored = Math.min(gen.tracks, cap);
        for (int i = 0; i < stored; i++) {
            int t = order[i];
            int o = (row * cap + i) * vars;
            charged[o] = (float) (gen.trackPt[t] / gen.pt);
            charged[o + 1] = (float) (gen.trackEta[t] - gen.eta);
            charged[o + 2] = (float) wrap(gen.trackPhi[t] - gen.phi);
            charged[o + 3] = (float) hypot(gen.trackEta[t] - gen.eta, wrap(gen.trackPhi[t] - gen.phi));
            charged[o + 4] = (float) rec.ip2d[t];
            charged[o + 5] = (float) rec.sig2d[t];
            charged[o + 6] = (float) rec.ip3d[t];
            charged[o + 7] = (float) rec.sig3d[t];
            charged[o + 8] = gen.charge[t];
            charged[o + 9] = (float) rec.dz[t];
            charged[o + 10] = (float) rec.chi2[t];
            charged[o + 11] = rec.pixelHits[t];
            charged[o + 12] = gen.lepton[t] ? 1f : 0f;
            charged[o + 13] = rec.selected[t] ? 1f : 0f;
            charged[o + 14] = rec.inVertex[t] ? 1f : 0f;
            charged[o + 15] = (float) gen.trackPt[t];
        }
    }

    /** Puts every track in {@link #order}: the selected ones by decreasing 2D IP significance, then the rest by pT. */
    private void orderChargedCandidates() {
        int nSel = rec.selectedCount;
        int k = 0;
        for (int t = 0; t < gen.tracks; t++) {
            if (rec.selected[t]) {
                order[k] = t;
                sortKey[t] = rec.sig2d[t];
                k++;
            }
        }
        DescendingOrder.sort(order, nSel, sortKey);
        for (int t = 0; t < gen.tracks; t++) {
            if (!rec.selected[t]) {
                order[k] = t;
                sortKey[t] = gen.trackPt[t];
                k++;
            }
        }
        DescendingOrder.sortRange(order, nSel, gen.tracks, sortKey);
    }

    /** arr_4: secondary vertices by decreasing flight significance, 12 variables each. */
    private void writeVertices(float[] vertices, int row) {
        int cap = JetArray.SECONDARY_VERTICES.capacity();
        int vars = JetArray.SECONDARY_VERTICES.variableCount();
        int stored = Math.min(rec.vertices, cap);
        for (int i = 0; i < stored; i++) {
            System.arraycopy(rec.vertex[rec.vertexOrder[i]], 0, vertices, (row * cap + i) * vars, vars);
        }
    }

    /**
     * arr_5: per seed (axis 2) the 20 tracks nearest to it (by distance of closest approach), 36 parameters each,
     * neighbour-major along axis 1. Parameters: 0–9 the neighbour as the seeds' 0–9, 10 DCA to the seed (cm),
     * 11 DCA over its uncertainty, 12 distance of the closest-approach midpoint from the primary vertex (cm, at most
     * 5), 13 sine of the opening angle, 14 ΔR to the seed, 15 pair mass (GeV, pions), 16 neighbour charge,
     * 17 neighbour χ²/ndf, 18 neighbour pixel hits, 19 neighbour lepton flag, 20 neighbour selected flag,
     * 21 neighbour in a vertex flag, 22–31 the seed's variables 0–9, 32 seed charge, 33 seed χ²/ndf, 34 seed pixel
     * hits, 35 rank of the neighbour (1 = nearest).
     */
    private void writeDeepVertex(float[] deep, int row) {
        int seedsStored = Math.min(rec.seedCount, JetArray.DEEP_VERTEX_INPUTS.capacity());
        int params = JetArray.DEEP_VERTEX_INPUTS.variableCount();
        int columns = JetArray.DEEP_VERTEX_INPUTS.capacity();
        int jetBase = row * JetArray.DEEP_VERTEX_INPUTS.valuesPerJet();
        for (int s = 0; s < seedsStored; s++) {
            for (int k = 0; k < rec.neighbourCount[s]; k++) {
                writeNeighbour(deep, jetBase + k * params * columns + s, columns, s, k);
            }
        }
    }

    /** One neighbour of seed {@code s} at rank {@code k}: its 36 parameters from {@code o}, {@code stride} apart. */
    private void writeNeighbour(float[] deep, int o, int stride, int s, int k) {
        int seed = rec.seeds[s];
        int t = rec.neighbour[s][k];
        writeTrackKinematics(kinematics, 0, t);
        for (int v = 0; v < KINEMATICS; v++) {
            deep[o + v * stride] = kinematics[v];
        }
        double px = gen.px[t] + gen.px[seed];
        double py = gen.py[t] + gen.py[seed];
        double pz = gen.pz[t] + gen.pz[seed];
        double e = gen.pionEnergy(t) + gen.pionEnergy(seed);
        deep[o + 10 * stride] = (float) rec.neighbourDca[s][k];
        deep[o + 11 * stride] = (float) (rec.neighbourDca[s][k] / rec.neighbourDcaSigma[s][k]);
        deep[o + 12 * stride] = (float) Math.min(rec.neighbourMidpoint[s][k], 5.0);
        deep[o + 13 * stride] = (float) rec.neighbourSinOpening[s][k];
        deep[o + 14 * stride] = (float) hypot(gen.trackEta[t] - gen.trackEta[seed],
            wrap(gen.trackPhi[t] - gen.trackPhi[seed]));
        deep[o + 15 * stride] = (float) Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
        deep[o + 16 * stride] = gen.charge[t];
        deep[o + 17 * stride] = (float) rec.chi2[t];
        deep[o + 18 * stride] = rec.pixelHits[t];
        deep[o + 19 * stride] = gen.lepton[t] ? 1f : 0f;
        deep[o + 20 * stride] = rec.selected[t] ? 1f : 0f;
        deep[o + 21 * stride] = rec.inVertex[t] ? 1f : 0f;
        writeTrackKinematics(kinematics, 0, seed);
        for (int v = 0; v < KINEMATICS; v++) {
            deep[o + (22 + v) * stride] = kinematics[v];
        }
        deep[o + 32 * stride] = gen.charge[seed];
        deep[o + 33 * stride] = (float) rec.chi2[seed];
        deep[o + 34 * stride] = rec.pixelHits[seed];
        deep[o + 35 * stride] = k + 1;
    }
}
