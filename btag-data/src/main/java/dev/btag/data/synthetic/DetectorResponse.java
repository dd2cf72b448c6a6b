package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.GeneratedJet.MATERIAL;
import static dev.btag.data.synthetic.Kinematics.asinh;
import static dev.btag.data.synthetic.Kinematics.hypot;

import java.util.SplittableRandom;

/**
 * The detector's first look at a generated jet: interactions with the material of the beam pipe and the pixel layers
 * (photon conversions, nuclear interactions of hadrons), track reconstruction with an efficiency that falls with the
 * production radius, the track's momentum resolution, pixel hits, fit χ² and quality, the lepton identification, and
 * the calorimeter's neutral candidates (photons, neutral hadrons, and the energy of charged particles whose track was
 * not found). It fills the candidate lists of a {@link ReconstructedJet}; clustering and everything measured relative
 * to the jet axis follow in {@link JetReconstruction}.
 *
 * <p>Geometry (CMS, 2016 pixel detector): beam pipe at r = 2.2 cm, pixel barrel layers at 4.4, 7.3 and 10.2 cm, each
 * 2.5% of a radiation length and 0.6% of a nuclear interaction length at normal incidence (the beam pipe 0.25% and
 * 0.1%). Lengths in cm, momenta in GeV. Not thread-safe.
 */
final class DetectorResponse {

    /** Radii of the material layers (cm): beam pipe, pixel layers 1–3. */
    static final double[] LAYER_RADII = {2.2, 4.4, 7.3, 10.2};
    /** Their thickness in radiation lengths at normal incidence. */
    static final double[] RADIATION_LENGTHS = {0.0025, 0.025, 0.025, 0.025};
    /** Their thickness in nuclear interaction lengths at normal incidence. */
    static final double[] INTERACTION_LENGTHS = {0.001, 0.006, 0.006, 0.006};
    /** Radius of the track's curvature per GeV of pT in the 3.8 T field (cm): pT / (0.3 B). */
    static final double CURVATURE_RADIUS_PER_GEV = 100 / (0.3 * 3.8);
    /** Tracks (and charged candidates) need at least this pT (GeV). */
    static final double TRACK_PT_MIN = 0.5;
    /** Track-finding efficiency for tracks produced inside this radius (cm). */
    static final double PROMPT_RADIUS = 3.5;
    /** Track-finding efficiency of prompt tracks. */
    static final double TRACK_EFFICIENCY = 0.93;
    /** Beyond {@link #PROMPT_RADIUS}, the efficiency falls as exp(-(r - 3.5 cm) / this length). */
    static final double EFFICIENCY_FALL_LENGTH = 6.0;
    /** Factor on the track-finding efficiency of electrons (bremsstrahlung). */
    static final double ELECTRON_EFFICIENCY = 0.6;
    /** Probability that particle flow identifies a conversion whose two legs are both tracked (a photon results). */
    static final double CONVERSION_IDENTIFIED = 0.8;
    /** Probability that particle flow identifies a conversion with a single tracked leg (a photon results). */
    static final double SINGLE_LEG_IDENTIFIED = 0.7;
    /**
     * Probability that particle flow identifies a nuclear interaction with at least two tracked secondaries and
     * replaces them by the incoming hadron's track.
     */
    static final double NUCLEAR_INTERACTION_IDENTIFIED = 0.6;
    /** Probability of a single large-angle multiple scattering (a non-Gaussian impact-parameter tail). */
    static final double HARD_SCATTER = 0.03;
    /** Fake tracks per real track in a jet. */
    static final double FAKE_RATE = 0.015;
    /** Origin code of a fake track. */
    static final int FAKE = 6;
    /** Lowest energy of a photon candidate (GeV). */
    static final double PHOTON_E_MIN = 0.5;
    /** Lowest energy of a neutral-hadron candidate (GeV). */
    static final double NEUTRAL_HADRON_E_MIN = 1.5;

    private GeneratedJet gen;
    private ReconstructedJet rec;

    /**
     * Fills the candidate lists of {@code into} (cleared first) from a generated jet.
     *
     * @param rng the jet's random stream, continued from generation
     * @param generated the generated jet (read only)
     * @param into the record to fill
     */
    void respond(SplittableRandom rng, GeneratedJet generated, ReconstructedJet into) {
        gen = generated;
        rec = into;
        rec.clear();
        for (int i = 0; i < gen.particles; i++) {
            Species s = gen.species[i];
            if (gen.charge[i] != 0) {
                if (s == Species.PION || s == Species.KAON || s == Species.PROTON) {
                    if (nuclearInteraction(rng, i)) {
                        continue;
                    }
                }
                track(rng, s, gen.charge[i], gen.px[i], gen.py[i], gen.pz[i], gen.originX[i], gen.originY[i],
                    gen.originZ[i], gen.source[i]);
            } else if (s == Species.PHOTON) {
                if (!conversion(rng, i)) {
                    neutral(rng, true, gen.energy[i], gen.px[i], gen.py[i], gen.pz[i]);
                }
            } else {
                neutral(rng, false, gen.energy[i], gen.px[i], gen.py[i], gen.pz[i]);
            }
        }
        fakeTracks(rng);
        gen = null;
        rec = null;
    }

    /**
     * Draws the layer in which a particle produced at transverse radius {@code r} with pseudorapidity {@code eta}
     * interacts, given the per-layer thicknesses (probability thickness × scale × path-length factor cosh η, at most
     * 3); returns -1 for none.
     */
    private static int interactionLayer(SplittableRandom rng, double r, double eta, double[] thickness,
                                        double scale) {
        double path = Math.min(3.0, Math.cosh(eta));
        double u = rng.nextDouble();
        for (int layer = 0; layer < LAYER_RADII.length; layer++) {
            if (LAYER_RADII[layer] <= r) {
                continue;
            }
            u -= thickness[layer] * scale * path;
            if (u < 0) {
                return layer;
            }
        }
        return -1;
    }

    /** Path parameter s (in units of the transverse momentum direction) where a line from (ox, oy) reaches radius R. */
    private static double reach(double ox, double oy, double tx, double ty, double radius) {
        double along = ox * tx + oy * ty;
        return -along + Math.sqrt(Math.max(0, along * along - ox * ox - oy * oy + radius * radius));
    }

    /**
     * Where particle {@code i} interacts in the material, drawn with {@link #interactionLayer} from the layers'
     * {@code thickness} (radiation or interaction lengths) times {@code scale}: the point {x, y, z} in cm where its
     * straight line from its origin reaches that layer, or {@code null} when it crosses every layer untouched (or has
     * no transverse momentum).
     */
    private double[] interactionPoint(SplittableRandom rng, int i, double[] thickness, double scale) {
        double pt = hypot(gen.px[i], gen.py[i]);
        double r = hypot(gen.originX[i], gen.originY[i]);
        double eta = asinh(gen.pz[i] / Math.max(pt, 1e-9));
        int layer = interactionLayer(rng, r, eta, thickness, scale);
        if (layer < 0 || pt < 1e-6) {
            return null;
        }
        double s = reach(gen.originX[i], gen.originY[i], gen.px[i] / pt, gen.py[i] / pt, LAYER_RADII[layer]);
        return new double[] {gen.originX[i] + s * gen.px[i] / pt, gen.originY[i] + s * gen.py[i] / pt,
            gen.originZ[i] + s * gen.pz[i] / pt};
    }

    /**
     * A photon converting in the material into an e⁺e⁻ pair (Bethe–Heitler: 7/9 X/X0); true when it converted and is
     * seen as charged candidates. A conversion whose two legs are tracked is identified by particle flow with
     * probability {@link #CONVERSION_IDENTIFIED}, one with a single tracked leg with {@link #SINGLE_LEG_IDENTIFIED},
     * and then stays a photon candidate (false); its tracks remain, for the vertex finder only. A lost leg deposits
     * its energy as a photon candidate.
     */
    private boolean conversion(SplittableRandom rng, int i) {
        double[] at = interactionPoint(rng, i, RADIATION_LENGTHS, 7.0 / 9.0);
        if (at == null) {
            return false;
        }
        double x = at[0];
        double y = at[1];
        double z = at[2];
        double share = rng.nextDouble();
        int sign = rng.nextBoolean() ? 1 : -1;
        int before = rec.tracks;
        for (int leg = 0; leg < 2; leg++) {
            double f = leg == 0 ? share : 1 - share;
            track(rng, Species.ELECTRON, leg == 0 ? sign : -sign, f * gen.px[i], f * gen.py[i], f * gen.pz[i],
                x, y, z, MATERIAL);
        }
        int legs = rec.tracks - before;
        if (legs > 0 && rng.nextDouble() < (legs == 2 ? CONVERSION_IDENTIFIED : SINGLE_LEG_IDENTIFIED)) {
            for (int t = before; t < rec.tracks; t++) {
                rec.pfCandidate[t] = false;
            }
            return false;
        }
        return legs > 0;
    }

    /**
     * A hadron interacting in the material: 2–3 charged secondaries sharing 70% of its momentum leave the
     * interaction point within about 0.3 rad of its direction; the hadron's own track is lost. True when it
     * interacted and is seen as secondaries; an interaction with at least two tracked secondaries is identified by
     * particle flow with probability {@link #NUCLEAR_INTERACTION_IDENTIFIED}, which then makes the candidate from the
     * incoming track (false); the secondaries' tracks remain, for the vertex finder only.
     */
    private boolean nuclearInteraction(SplittableRandom rng, int i) {
        double[] at = interactionPoint(rng, i, INTERACTION_LENGTHS, 1.0);
        if (at == null) {
            return false;
        }
        double x = at[0];
        double y = at[1];
        double z = at[2];
        double pt = hypot(gen.px[i], gen.py[i]);
        double eta = asinh(gen.pz[i] / Math.max(pt, 1e-9));
        double p = Math.sqrt(pt * pt + gen.pz[i] * gen.pz[i]);
        double phi = Math.atan2(gen.py[i], gen.px[i]);
        int n = rng.nextDouble() < 0.6 ? 2 : 3;
        double w1 = rng.nextExponential();
        double w2 = rng.nextExponential();
        double w3 = n == 3 ? rng.nextExponential() : 0;
        double total = w1 + w2 + w3;
        int sign = rng.nextBoolean() ? 1 : -1;
        int before = rec.tracks;
        int neutralsBefore = rec.neutrals;
        for (int k = 0; k < n; k++) {
            double w = k == 0 ? w1 : k == 1 ? w2 : w3;
            double pk = 0.7 * p * w / total;
            double e2 = eta + 0.3 * rng.nextGaussian();
            double p2 = phi + 0.3 * rng.nextGaussian();
            double c = Math.cosh(e2);
            track(rng, Species.PION, sign, pk * Math.cos(p2) / c, pk * Math.sin(p2) / c, pk * Math.tanh(e2), x, y, z,
                MATERIAL);
            sign = -sign;
        }
        if (rec.tracks >= before + 2 && rng.nextDouble() < NUCLEAR_INTERACTION_IDENTIFIED) {
            for (int t = before; t < rec.tracks; t++) {
                rec.pfCandidate[t] = false;
            }
            rec.neutrals = neutralsBefore;
            return false;
        }
        return true;
    }

    /**
     * A charged particle: found as a track with an efficiency falling with its production radius (electrons 85% of
     * that), or, when lost, seen by the calorimeter as a neutral candidate (muons leave nothing).
     */
    private void track(SplittableRandom rng, Species s, int q, double px, double py, double pz, double ox,
                       double oy, double oz, int source) {
        double pt = hypot(px, py);
        if (pt < TRACK_PT_MIN) {
            return;
        }
        double r = hypot(ox, oy);
        double efficiency = TRACK_EFFICIENCY * (r < PROMPT_RADIUS ? 1 : Math.exp(-(r - PROMPT_RADIUS)
            / EFFICIENCY_FALL_LENGTH)) * (s == Species.ELECTRON ? ELECTRON_EFFICIENCY : 1);
        double p = Math.sqrt(pt * pt + pz * pz);
        if (rng.nextDouble() >= efficiency || rec.tracks >= ReconstructedJet.MAX_TRACKS) {
            if (s != Species.MUON) {
                neutral(rng, s == Species.ELECTRON, Math.sqrt(p * p + s.mass() * s.mass()), px, py, pz);
            }
            return;
        }
        int t = rec.tracks++;
        double scale = Math.max(0.5, 1 + Math.sqrt(1e-4 + 2.25e-8 * pt * pt) * rng.nextGaussian());
        rec.px[t] = px * scale;
        rec.py[t] = py * scale;
        rec.pz[t] = pz * scale;
        rec.pt[t] = pt * scale;
        rec.eta[t] = asinh(pz / pt);
        rec.phi[t] = Math.atan2(py, px);
        rec.originX[t] = ox;
        rec.originY[t] = oy;
        rec.originZ[t] = oz;
        rec.charge[t] = q;
        rec.species[t] = s;
        rec.source[t] = source;
        rec.pfCandidate[t] = true;
        int hits = 0;
        for (int layer = 1; layer < LAYER_RADII.length; layer++) {
            if (LAYER_RADII[layer] > r + 0.2 && rng.nextDouble() < 0.985) {
                hits++;
            }
        }
        rec.pixelHits[t] = hits;
        rec.hardScatter[t] = rng.nextDouble() < HARD_SCATTER;
        double chi2 = 1 + 0.3 * rng.nextGaussian();
        if (rec.hardScatter[t]) {
            chi2 += 0.3 * rng.nextExponential();
        }
        if (s == Species.ELECTRON) {
            chi2 += 0.5 * rng.nextExponential();
        }
        if (hits < 2) {
            chi2 += 0.4 * rng.nextExponential();
        }
        rec.chi2[t] = Math.min(300, Math.max(0.1, chi2));
        rec.quality[t] = rec.chi2[t] < 2.5 && hits >= 2 ? 7 : rec.chi2[t] < 4 && hits >= 1 ? 3 : 1;
        rec.leptonId[t] = leptonId(rng, s, p, pt, r, source);
    }

    /**
     * Fake tracks, made of hits of different particles: Poisson({@link #FAKE_RATE} × tracks) per jet, pT 0.5 GeV plus
     * an exponential of mean 1.5 GeV, within ΔR 0.4 of the parton; a fake is a straight line that misses the primary
     * vertex by a Gaussian 0.05 cm (transverse) and 0.1 cm (along z). Its fit quality is only slightly worse than a
     * real track's (the χ² gets an extra exponential of mean 0.3).
     */
    private void fakeTracks(SplittableRandom rng) {
        int count = Draws.poisson(rng, FAKE_RATE * rec.tracks);
        for (int i = 0; i < count && rec.tracks < ReconstructedJet.MAX_TRACKS; i++) {
            double pt = TRACK_PT_MIN + 1.5 * rng.nextExponential();
            double r = 0.4 * Math.sqrt(rng.nextDouble());
            double psi = 2 * Math.PI * rng.nextDouble();
            double eta = gen.eta + r * Math.cos(psi);
            double phi = gen.phi + r * Math.sin(psi);
            double offset = 0.05 * rng.nextGaussian();
            double ox = -Math.sin(phi) * offset;
            double oy = Math.cos(phi) * offset;
            double oz = 0.1 * rng.nextGaussian();
            int t = rec.tracks;
            track(rng, Species.PION, rng.nextBoolean() ? 1 : -1, pt * Math.cos(phi), pt * Math.sin(phi),
                pt * Math.sinh(eta), ox, oy, oz, FAKE);
            if (rec.tracks > t) {
                rec.chi2[t] = Math.min(300, rec.chi2[t] + 0.3 * rng.nextExponential());
                rec.quality[t] = rec.chi2[t] < 2.5 && rec.pixelHits[t] >= 2 ? 7 : rec.chi2[t] < 4 ? 3 : 1;
            }
        }
    }

    /**
     * The lepton identification: muons above 3 GeV found with 95%, electrons above 2 GeV pT with 75% (10% for
     * conversion electrons, which the conversion veto mostly rejects); hadrons above 3 GeV faked with 0.8%.
     */
    private static boolean leptonId(SplittableRandom rng, Species s, double p, double pt, double r, int source) {
        double u = rng.nextDouble();
        return switch (s) {
            case MUON -> p > 3 && u < 0.95;
            case ELECTRON -> pt > 2 && u < (source == MATERIAL || r > 2 ? 0.10 : 0.75);
            default -> p > 3 && u < 0.008;
        };
    }

    /**
     * A calorimeter deposit that particle flow calls a photon (ECAL resolution 3%/√E ⊕ 1%) or a neutral hadron
     * (HCAL 100%/√E ⊕ 5%), kept above the energy threshold; massless, along the particle's direction.
     */
    private void neutral(SplittableRandom rng, boolean isPhoton, double e, double px, double py, double pz) {
        double p = Math.sqrt(px * px + py * py + pz * pz);
        if (p < 1e-9) {
            return;
        }
        double resolution = isPhoton ? Math.sqrt(9e-4 / e + 1e-4) : Math.sqrt(1.0 / e + 0.0025);
        double measured = e * (1 + resolution * rng.nextGaussian());
        double hadronFraction = isPhoton ? (rng.nextDouble() < 0.9 ? 0 : 0.2 * rng.nextDouble())
            : Math.max(0, 1 - 0.25 * rng.nextExponential());
        double threshold = isPhoton ? PHOTON_E_MIN : NEUTRAL_HADRON_E_MIN;
        if (measured < threshold || rec.neutrals >= ReconstructedJet.MAX_NEUTRALS) {
            return;
        }
        int k = rec.neutrals++;
        double pt = hypot(px, py);
        rec.neutralEta[k] = asinh(pz / Math.max(pt, 1e-9));
        rec.neutralPhi[k] = Math.atan2(py, px);
        rec.neutralEnergy[k] = measured;
        rec.neutralPt[k] = measured * pt / p;
        rec.photon[k] = isPhoton;
        rec.hadronFraction[k] = hadronFraction;
    }
}
