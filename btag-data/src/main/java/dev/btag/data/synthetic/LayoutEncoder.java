package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.Kinematics.hypot;
import static dev.btag.data.synthetic.Kinematics.wrap;

import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TruthFlag;

/**
 * Layout encoding: writes one simulated jet ({@link ReconstructedJet}, plus the truth flags of its
 * {@link GeneratedJet}) as one row of each of the tutorial's six arrays, {@code arr_0} … {@code arr_5} (float32,
 * C order, shapes of {@link JetArray}). This class decides which variable goes into which slot, the order of the
 * candidates and the default values; it computes only differences, ratios and bounds of what reconstruction
 * measured, and draws no random numbers. Nothing but the truth columns of {@code arr_0} comes from the generated
 * (truth) record.
 *
 * <p>{@code arr_2}, {@code arr_3} and {@code arr_4} hold DeepJet's variables ({@link JetArray#variableNames()}), with
 * the offsets and bounds with which the DeepJet ntuples (DeepNTuples, {@code ntuple_pfCands.cc}, {@code ntuple_SV.cc})
 * record them: {@code ptrel} = pT / jet pT - 1 in [-1, 0]; candidate {@code deltaR} - 0.6 in [-0.6, 0]; {@code drminsv}
 * = min ΔR to a vertex (0.4 without one) - 0.4 in [-0.4, 0]; {@code sv_deltaR} = ΔR - 0.5 in [-2, 0]; impact-parameter
 * values and significances bounded below by -1; {@code trackJetDistVal} in [-20, 1]; {@code sv_dxysig} and
 * {@code sv_d3dsig} in [-1, 800]. Charged candidates are ordered by decreasing {@code trackSip2dSig}, neutral ones by
 * increasing distance to the nearest vertex, then by decreasing pT, as DeepNTuples sorts them; vertices by decreasing
 * transverse flight significance. {@code arr_1} and {@code arr_5} keep btag's own variables (docs/synthetic.md).
 *
 * <p>Rows beyond a jet's counts are left as they are (zero in a fresh array). Not thread-safe (scratch buffers).
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

    private final int[] order = new int[ReconstructedJet.MAX_TRACKS];
    private final double[] sortKey = new double[ReconstructedJet.MAX_TRACKS];
    private final double[] nearestVertex = new double[ReconstructedJet.MAX_TRACKS];
    private final float[] kinematics = new float[KINEMATICS];

    private ReconstructedJet rec;

    /**
     * Writes one jet at row {@code row} of the six arrays.
     *
     * @param generated the generated jet (only its truth flags and pile-up count are written)
     * @param reconstructed its reconstruction
     * @param out the arrays, indexed by {@link JetArray#ordinal()}, each holding whole jet rows
     * @param row the jet's row index within {@code out}
     */
    void write(GeneratedJet generated, ReconstructedJet reconstructed, float[][] out, int row) {
        rec = reconstructed;
        float[] jets = out[JetArray.JETS.ordinal()];
        writeJetColumns(jets, row);
        jets[row * JetColumn.COUNT + JetColumn.NPV.index()] = generated.primaryVertices;
        TruthFlag.writeTruthColumns(jets, row, generated.flag, generated.physFlag);
        writeSeeds(out[JetArray.SEEDING_TRACKS.ordinal()], row);
        writeNeutrals(out[JetArray.NEUTRAL_CANDIDATES.ordinal()], row);
        writeCharged(out[JetArray.CHARGED_CANDIDATES.ordinal()], row);
        writeVertices(out[JetArray.SECONDARY_VERTICES.ordinal()], row);
        writeDeepVertex(out[JetArray.DEEP_VERTEX_INPUTS.ordinal()], row);
        rec = null;
    }

    private static float bound(double v, double lo, double hi) {
        return (float) Math.max(lo, Math.min(hi, v));
    }

    /** arr_0: the 52 jet columns but npv and the truth columns, which the caller writes. */
    private void writeJetColumns(float[] jets, int row) {
        int base = row * JetColumn.COUNT;
        int above2d = rec.aboveCharm2d;
        int above3d = rec.aboveCharm3d;
        jets[base + JetColumn.JET_PT.index()] = (float) rec.jetPt;
        jets[base + JetColumn.JET_ETA.index()] = (float) rec.jetEta;
        jets[base + JetColumn.N_CPFCAND.index()] = rec.tracks;
        jets[base + JetColumn.N_NPFCAND.index()] = rec.neutrals;
        jets[base + JetColumn.NSV.index()] = rec.vertices;
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
        jets[base + JetColumn.JET_CORR_PT.index()] = (float) (rec.jetPt * rec.correction);
        jets[base + JetColumn.JET_PHI.index()] = (float) rec.jetPhi;
        jets[base + JetColumn.JET_MASS.index()] = (float) rec.jetMass;
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
            tracks[o + 12] = (float) rec.axisDistance[t];
            tracks[o + 13] = (float) rec.decayLength[t];
            tracks[o + 14] = (float) rec.chi2[t];
            tracks[o + 15] = rec.pixelHits[t];
            tracks[o + 16] = rec.charge[t];
            tracks[o + 17] = nSeeds > 1 ? (float) rec.partnerDca[i] : DEFAULT_NO_PARTNER;
            tracks[o + 18] = nSeeds > 1 ? (float) rec.partnerFlight[i] : DEFAULT_NO_PARTNER;
            tracks[o + 19] = rec.compatibleSeeds[i];
            tracks[o + 20] = rec.leptonId[t] ? 1f : 0f;
        }
    }

    /** Variables 0–9 shared by seeds: pT, η, φ, Δη, Δφ, pT fraction, sip2d value/significance, sip3d value/sig. */
    private void writeTrackKinematics(float[] a, int o, int t) {
        a[o] = (float) rec.pt[t];
        a[o + 1] = (float) rec.eta[t];
        a[o + 2] = (float) rec.phi[t];
        a[o + 3] = (float) (rec.eta[t] - rec.jetEta);
        a[o + 4] = (float) wrap(rec.phi[t] - rec.jetPhi);
        a[o + 5] = (float) (rec.pt[t] / rec.jetPt);
        a[o + 6] = (float) rec.ip2d[t];
        a[o + 7] = (float) rec.sig2d[t];
        a[o + 8] = (float) rec.ip3d[t];
        a[o + 9] = (float) rec.sig3d[t];
    }

    /** ΔR of a direction to the nearest secondary vertex's momentum, at most 0.4 (DeepNTuples' mindrsvpfcand). */
    private double nearestVertex(double eta, double phi) {
        double best = 0.4;
        for (int v = 0; v < rec.vertices; v++) {
            double dr = hypot(eta - rec.vertexEta[v], wrap(phi - rec.vertexPhi[v]));
            if (dr < best) {
                best = dr;
            }
        }
        return best;
    }

    /** arr_2: neutral candidates, nearest to a vertex first, then by decreasing pT; DeepJet's 6 variables. */
    private void writeNeutrals(float[] neutrals, int row) {
        int cap = JetArray.NEUTRAL_CANDIDATES.capacity();
        int vars = JetArray.NEUTRAL_CANDIDATES.variableCount();
        double corrected = rec.jetPt * rec.correction;
        for (int k = 0; k < rec.neutrals; k++) {
            order[k] = k;
            nearestVertex[k] = nearestVertex(rec.neutralEta[k], rec.neutralPhi[k]);
            sortKey[k] = (0.4 - nearestVertex[k]) * 1000 + rec.neutralPt[k] / corrected;
        }
        DescendingOrder.sort(order, rec.neutrals, sortKey);
        int stored = Math.min(rec.neutrals, cap);
        for (int i = 0; i < stored; i++) {
            int k = order[i];
            int o = (row * cap + i) * vars;
            double dR = hypot(rec.neutralEta[k] - rec.jetEta, wrap(rec.neutralPhi[k] - rec.jetPhi));
            neutrals[o] = bound(rec.neutralPt[k] / corrected - 1, -1, 0);
            neutrals[o + 1] = bound(dR - 0.6, -0.6, 0);
            neutrals[o + 2] = rec.photon[k] ? 1f : 0f;
            neutrals[o + 3] = (float) rec.hadronFraction[k];
            neutrals[o + 4] = bound(nearestVertex[k] - 0.4, -0.4, 0);
            neutrals[o + 5] = (float) rec.puppiWeight[k];
        }
    }

    /** arr_3: charged candidates by decreasing 2D IP significance; DeepJet's 16 variables. */
    private void writeCharged(float[] charged, int row) {
        int cap = JetArray.CHARGED_CANDIDATES.capacity();
        int vars = JetArray.CHARGED_CANDIDATES.variableCount();
        double corrected = rec.jetPt * rec.correction;
        for (int t = 0; t < rec.tracks; t++) {
            order[t] = t;
            sortKey[t] = rec.sig2d[t];
            nearestVertex[t] = nearestVertex(rec.eta[t], rec.phi[t]);
        }
        DescendingOrder.sort(order, rec.tracks, sortKey);
        int stored = Math.min(rec.tracks, cap);
        for (int i = 0; i < stored; i++) {
            int t = order[i];
            int o = (row * cap + i) * vars;
            double p = Math.sqrt(rec.pt[t] * rec.pt[t] + rec.pz[t] * rec.pz[t]);
            double pPar = rec.px[t] * rec.axisX + rec.py[t] * rec.axisY + rec.pz[t] * rec.axisZ;
            double pRel = Math.sqrt(Math.max(0, p * p - pPar * pPar));
            double etaRel = 0.5 * Math.log((p + pPar) / Math.max(p - pPar, 1e-12));
            charged[o] = bound(etaRel, -5, 15);
            charged[o + 1] = bound(pRel, -1, 4);
            charged[o + 2] = bound(pPar, -1e5, 1e5);
            charged[o + 3] = bound(hypot(rec.eta[t] - rec.jetEta, wrap(rec.phi[t] - rec.jetPhi)), -5, 5);
            charged[o + 4] = bound(pPar / p, -10, 100);
            charged[o + 5] = bound(rec.ip2d[t], -1, 70);
            charged[o + 6] = bound(rec.sig2d[t], -1, 4e4);
            charged[o + 7] = bound(rec.ip3d[t], -1, 1e5);
            charged[o + 8] = bound(rec.sig3d[t], -1, 4e4);
            charged[o + 9] = bound(-rec.axisDistance[t], -20, 1);
            charged[o + 10] = bound(rec.pt[t] / corrected - 1, -1, 0);
            charged[o + 11] = bound(nearestVertex[t] - 0.4, -0.4, 0);
            charged[o + 12] = rec.vertexAssociation[t];
            charged[o + 13] = rec.vertexAssociation[t] >= 4 ? 1f : 0f;
            charged[o + 14] = bound(rec.chi2[t], -1, 300);
            charged[o + 15] = rec.quality[t];
        }
    }

    /** arr_4: secondary vertices by decreasing transverse flight significance, DeepJet's 12 variables. */
    private void writeVertices(float[] vertices, int row) {
        int cap = JetArray.SECONDARY_VERTICES.capacity();
        int vars = JetArray.SECONDARY_VERTICES.variableCount();
        int stored = Math.min(rec.vertices, cap);
        for (int i = 0; i < stored; i++) {
            System.arraycopy(rec.vertex[i], 0, vertices, (row * cap + i) * vars, vars);
        }
    }

    /**
     * arr_5: per seed (axis 2) the 20 tracks nearest to it (by distance of closest approach), 36 parameters each,
     * neighbour-major along axis 1. Parameters: 0–9 the neighbour as the seeds' 0–9, 10 DCA to the seed (cm),
     * 11 DCA over its uncertainty, 12 distance of the closest-approach midpoint from the primary vertex (cm, at most
     * 5), 13 sine of the opening angle, 14 ΔR to the seed, 15 pair mass (GeV, pions), 16 neighbour charge,
     * 17 neighbour χ²/ndf, 18 neighbour pixel hits, 19 neighbour identified as a lepton, 20 neighbour selected flag,
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
        double px = rec.px[t] + rec.px[seed];
        double py = rec.py[t] + rec.py[seed];
        double pz = rec.pz[t] + rec.pz[seed];
        double e = rec.pionEnergy(t) + rec.pionEnergy(seed);
        deep[o + 10 * stride] = (float) rec.neighbourDca[s][k];
        deep[o + 11 * stride] = (float) (rec.neighbourDca[s][k] / rec.neighbourDcaSigma[s][k]);
        deep[o + 12 * stride] = (float) Math.min(rec.neighbourMidpoint[s][k], 5.0);
        deep[o + 13 * stride] = (float) rec.neighbourSinOpening[s][k];
        deep[o + 14 * stride] = (float) hypot(rec.eta[t] - rec.eta[seed], wrap(rec.phi[t] - rec.phi[seed]));
        deep[o + 15 * stride] = (float) Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
        deep[o + 16 * stride] = rec.charge[t];
        deep[o + 17 * stride] = (float) rec.chi2[t];
        deep[o + 18 * stride] = rec.pixelHits[t];
        deep[o + 19 * stride] = rec.leptonId[t] ? 1f : 0f;
        deep[o + 20 * stride] = rec.selected[t] ? 1f : 0f;
        deep[o + 21 * stride] = rec.inVertex[t] ? 1f : 0f;
        writeTrackKinematics(kinematics, 0, seed);
        for (int v = 0; v < KINEMATICS; v++) {
            deep[o + (22 + v) * stride] = kinematics[v];
        }
        deep[o + 32 * stride] = rec.charge[seed];
        deep[o + 33 * stride] = (float) rec.chi2[seed];
        deep[o + 34 * stride] = rec.pixelHits[seed];
        deep[o + 35 * stride] = k + 1;
    }
}
