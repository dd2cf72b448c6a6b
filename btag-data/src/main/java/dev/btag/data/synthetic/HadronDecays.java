package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.GeneratedJet.FROM_B;
import static dev.btag.data.synthetic.GeneratedJet.FROM_D;
import static dev.btag.data.synthetic.GeneratedJet.FROM_V0;

import java.util.SplittableRandom;

/**
 * Decays of the unstable hadrons of a jet, with their flights: b hadrons (B → D X, semileptonic B → D ℓ ν (π)),
 * c hadrons (hadronic with the species' charged-prong distribution, semileptonic D → K ℓ ν (π)), K0s and Λ with their
 * true lifetimes, and π⁰ → γγ. Each hadron flies an exponentially distributed distance βγcτ along its momentum
 * before it decays; daughters come from {@link PhaseSpace} and are boosted to the laboratory, so the tracks of one
 * decay meet at its displaced vertex and the b and c vertices of a cascade are distinct points.
 *
 * <p>Decay tables are simplified (docs/synthetic.md lists them): a hadronic b decay gives its charm hadron, 1–4
 * charged pions or kaons and Poisson(0.9) π⁰, and in 15% of the decays a second charm hadron (b → cc̄s); charged
 * daughters get alternating charges. Not thread-safe (scratch buffers per decay depth).
 */
final class HadronDecays {

    /** Semileptonic mode: decay as the branching ratios say. */
    static final int NATURAL = 0;
    /** Semileptonic mode: force a semileptonic decay (the truth flag says so). */
    static final int FORCE = 1;
    /** Semileptonic mode: forbid a semileptonic decay (the truth flag says so). */
    static final int FORBID = 2;
    /** K0s and Λ decaying beyond this transverse radius (cm) reach the calorimeter as neutral hadrons. */
    static final double V0_MAX_RADIUS = 60;
    /** ... or beyond this |z| (cm). */
    static final double V0_MAX_Z = 150;

    private static final int DEPTHS = 6;
    private final PhaseSpace[] phaseSpace = new PhaseSpace[DEPTHS];
    private final Species[][] daughters = new Species[DEPTHS][PhaseSpace.MAX];
    private final double[][] masses = new double[DEPTHS][PhaseSpace.MAX];
    private final boolean[][] leptons = new boolean[DEPTHS][PhaseSpace.MAX];

    HadronDecays() {
        for (int d = 0; d < DEPTHS; d++) {
            phaseSpace[d] = new PhaseSpace();
        }
    }

    /**
     * A b hadron produced at the primary vertex: flies, decays, and its charm hadron(s) fly on and decay.
     *
     * @param rng the random stream
     * @param jet the jet to add the particles and decays to
     * @param s the b-hadron species
     * @param px momentum, x (GeV)
     * @param py momentum, y
     * @param pz momentum, z
     * @param leptonMode {@link #NATURAL}, {@link #FORCE} or {@link #FORBID} for the b decay
     * @param cascadeMode the same for the charm hadron of the b → c transition
     * @param x0 the hadron's share x of its quark's energy (recorded for the docs' fragmentation figure)
     */
    void bHadron(SplittableRandom rng, GeneratedJet jet, Species s, double px, double py, double pz, int leptonMode,
                 int cascadeMode, double x0) {
        double p = Math.sqrt(px * px + py * py + pz * pz);
        double e = Math.sqrt(p * p + s.mass() * s.mass());
        double length = p / s.mass() * s.ctau() * rng.nextExponential();
        double vx = length * px / p;
        double vy = length * py / p;
        double vz = length * pz / p;
        int h = jet.addHadron(s, FROM_B, vx, vy, vz, p);
        if (h >= 0) {
            jet.hadronX0[h] = x0;
        }
        boolean semileptonic = leptonMode == FORCE
            || leptonMode == NATURAL && rng.nextDouble() < Species.B_SEMILEPTONIC;
        Species[] out = daughters[0];
        boolean[] lep = leptons[0];
        int n = 0;
        out[n++] = s.cascadeCharm(rng.nextDouble());
        if (semileptonic) {
            out[n++] = rng.nextBoolean() ? Species.ELECTRON : Species.MUON;
            lep[1] = true;
            out[n++] = Species.NEUTRINO;
            if (rng.nextDouble() < 0.4) {
                out[n++] = rng.nextDouble() < 0.67 ? Species.PION : Species.PI0;
            }
        } else {
            if (rng.nextDouble() < 0.15) {
                double u = rng.nextDouble();
                out[n++] = u < 0.5 ? Species.D_S : u < 0.8 ? Species.D0 : Species.D_PLUS;
            }
            double u = rng.nextDouble();
            int charged = u < 0.25 ? 1 : u < 0.60 ? 2 : u < 0.90 ? 3 : 4;
            for (int i = 0; i < charged; i++) {
                out[n++] = rng.nextDouble() < 0.12 ? Species.KAON : Species.PION;
            }
            int neutral = Draws.poisson(rng, 0.9);
            for (int i = 0; i < neutral && n < PhaseSpace.MAX; i++) {
                out[n++] = Species.PI0;
            }
        }
        n = fitMass(s.mass(), 0, n);
        decayAndEmit(rng, jet, s, e, px, py, pz, vx, vy, vz, 0, n, FROM_B, h, cascadeMode);
    }

    /**
     * A c hadron: flies from its production point and decays.
     *
     * @param rng the random stream
     * @param jet the jet
     * @param s the c-hadron species
     * @param px momentum, x (GeV)
     * @param py momentum, y
     * @param pz momentum, z
     * @param ox production point, x (cm)
     * @param oy production point, y
     * @param oz production point, z
     * @param leptonMode {@link #NATURAL}, {@link #FORCE} or {@link #FORBID}
     * @param depth the decay depth of the scratch buffers to use (0 for a prompt c hadron)
     * @param x0 the hadron's share x of its quark's energy (0 for a cascade)
     */
    void cHadron(SplittableRandom rng, GeneratedJet jet, Species s, double px, double py, double pz, double ox,
                 double oy, double oz, int leptonMode, int depth, double x0) {
        double p = Math.sqrt(px * px + py * py + pz * pz);
        double e = Math.sqrt(p * p + s.mass() * s.mass());
        double length = p / s.mass() * s.ctau() * rng.nextExponential();
        double vx = ox + length * px / p;
        double vy = oy + length * py / p;
        double vz = oz + length * pz / p;
        int h = jet.addHadron(s, FROM_D, vx, vy, vz, p);
        if (h >= 0) {
            jet.hadronX0[h] = x0;
        }
        int n = charmDaughters(rng, s, leptonMode, depth);
        n = fitMass(s.mass(), depth, n);
        decayAndEmit(rng, jet, s, e, px, py, pz, vx, vy, vz, depth, n, FROM_D, h, NATURAL);
    }

    /** Fills the daughters of a c-hadron decay at {@code depth}; returns their number. */
    private int charmDaughters(SplittableRandom rng, Species s, int leptonMode, int depth) {
        Species[] out = daughters[depth];
        boolean[] lep = leptons[depth];
        boolean semileptonic = leptonMode == FORCE
            || leptonMode == NATURAL && rng.nextDouble() < s.charmSemileptonic();
        int n = 0;
        if (semileptonic) {
            out[n] = rng.nextBoolean() ? Species.ELECTRON : Species.MUON;
            lep[n++] = true;
            out[n++] = Species.NEUTRINO;
            out[n++] = s == Species.LAMBDA_C ? Species.LAMBDA : rng.nextDouble() < 0.55 ? Species.KAON
                : rng.nextBoolean() ? Species.K0S : Species.K0L;
            if (rng.nextDouble() < 0.3) {
                out[n++] = Species.PI0;
            }
            return n;
        }
        int prongs = s.charmProngs(rng.nextDouble());
        for (int i = 0; i < prongs; i++) {
            out[n++] = Species.PION;
        }
        if (prongs > 0) {
            if (s == Species.LAMBDA_C) {
                out[0] = rng.nextDouble() < 0.6 ? Species.PROTON : Species.PION;
            } else {
                out[0] = rng.nextDouble() < (s == Species.D_S ? 0.6 : 0.55) ? Species.KAON : Species.PION;
            }
            if (s == Species.D_S && prongs >= 3 && rng.nextDouble() < 0.3) {
                out[1] = Species.KAON;
            }
        }
        if (s == Species.LAMBDA_C && (prongs == 0 || out[0] != Species.PROTON)) {
            out[n++] = Species.LAMBDA;
        }
        if (rng.nextDouble() < (s == Species.D_PLUS ? 0.5 : 0.35)) {
            out[n++] = rng.nextBoolean() ? Species.K0S : Species.K0L;
        }
        int pi0 = Draws.poisson(rng, 0.6);
        for (int i = 0; i < pi0 && n < PhaseSpace.MAX; i++) {
            out[n++] = Species.PI0;
        }
        while (n < 2) {
            out[n++] = Species.PI0;
        }
        return n;
    }

    /**
     * Drops trailing daughters (never the first, a lepton or a neutrino) until the daughters' masses leave at least
     * 10 MeV of kinetic energy, sets their masses and clears the lepton flags beyond; returns the new count.
     */
    private int fitMass(double parentMass, int depth, int count) {
        Species[] out = daughters[depth];
        boolean[] lep = leptons[depth];
        int n = count;
        while (true) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += out[i].mass();
            }
            if (sum < parentMass - 0.01 || n <= 2) {
                break;
            }
            int drop = n - 1;
            while (drop > 1 && (lep[drop] || out[drop] == Species.NEUTRINO)) {
                drop--;
            }
            for (int i = drop; i < n - 1; i++) {
                out[i] = out[i + 1];
                lep[i] = lep[i + 1];
            }
            n--;
        }
        for (int i = 0; i < PhaseSpace.MAX; i++) {
            masses[depth][i] = i < n ? out[i].mass() : 0;
            if (i >= n) {
                lep[i] = false;
            }
        }
        return n;
    }

    /**
     * Decays a parent of species {@code s} and four-momentum (e, px, py, pz) at (vx, vy, vz) into the {@code n}
     * daughters prepared at {@code depth}, and emits them: charm hadrons decay on (with {@code cascadeMode}), the
     * rest through {@link #emit}.
     */
    private void decayAndEmit(SplittableRandom rng, GeneratedJet jet, Species s, double e, double px, double py,
                              double pz, double vx, double vy, double vz, int depth, int n, int source, int h,
                              int cascadeMode) {
        PhaseSpace ps = phaseSpace[depth];
        ps.decay(rng, s.mass(), masses[depth], n);
        ps.boost(e, px, py, pz, s.mass());
        int sign = rng.nextBoolean() ? 1 : -1;
        Species[] out = daughters[depth];
        boolean[] lep = leptons[depth];
        // the b → c charm hadron decays as the flag says; a second one (b → cc̄s) forced only not to give a lepton
        int charmMode = cascadeMode;
        for (int i = 0; i < n; i++) {
            Species d = out[i];
            boolean isLepton = lep[i];
            lep[i] = false;
            if (d == Species.D0 || d == Species.D_PLUS || d == Species.D_S || d == Species.LAMBDA_C) {
                cHadron(rng, jet, d, ps.px[i], ps.py[i], ps.pz[i], vx, vy, vz, charmMode, depth + 1, 0);
                charmMode = cascadeMode == NATURAL ? NATURAL : FORBID;
                continue;
            }
            int q = 0;
            if (d.charged()) {
                q = sign;
                sign = -sign;
            }
            emit(rng, jet, d, ps.e[i], ps.px[i], ps.py[i], ps.pz[i], vx, vy, vz, q, source, h, isLepton, depth + 1);
        }
    }

    /**
     * Adds a particle to the jet, decaying it first when it is a π⁰ (two photons at the same point) or a K0s/Λ that
     * decays inside the tracker volume (its daughters come from the V0 vertex); neutrinos are dropped.
     *
     * @param rng the random stream
     * @param jet the jet
     * @param s the species
     * @param e energy (GeV)
     * @param px momentum, x
     * @param py momentum, y
     * @param pz momentum, z
     * @param ox production point, x (cm)
     * @param oy production point, y
     * @param oz production point, z
     * @param q charge
     * @param source the origin code for stable particles
     * @param h the decay that made it, or -1
     * @param isLepton whether it is the lepton of a semileptonic decay
     * @param depth the scratch depth free for a decay of this particle
     */
    void emit(SplittableRandom rng, GeneratedJet jet, Species s, double e, double px, double py, double pz,
              double ox, double oy, double oz, int q, int source, int h, boolean isLepton, int depth) {
        if (s == Species.NEUTRINO) {
            return;
        }
        if (s == Species.PI0) {
            PhaseSpace ps = phaseSpace[depth];
            masses[depth][0] = 0;
            masses[depth][1] = 0;
            ps.decay(rng, s.mass(), masses[depth], 2);
            ps.boost(e, px, py, pz, s.mass());
            for (int i = 0; i < 2; i++) {
                jet.addParticle(Species.PHOTON, ps.e[i], ps.px[i], ps.py[i], ps.pz[i], ox, oy, oz, 0, source, h,
                    false);
            }
            return;
        }
        if (s == Species.K0S || s == Species.LAMBDA) {
            double p = Math.sqrt(px * px + py * py + pz * pz);
            double length = p / s.mass() * s.ctau() * rng.nextExponential();
            double vx = ox + length * px / p;
            double vy = oy + length * py / p;
            double vz = oz + length * pz / p;
            if (Math.sqrt(vx * vx + vy * vy) < V0_MAX_RADIUS && Math.abs(vz) < V0_MAX_Z) {
                int v0 = jet.addHadron(s, FROM_V0, vx, vy, vz, p);
                Species[] out = daughters[depth];
                boolean charged = rng.nextDouble() < (s == Species.K0S ? 0.692 : 0.639);
                out[0] = s == Species.K0S ? (charged ? Species.PION : Species.PI0)
                    : charged ? Species.PROTON : Species.NEUTRON;
                out[1] = charged ? Species.PION : Species.PI0;
                int n = fitMass(s.mass(), depth, 2);
                decayAndEmit(rng, jet, s, e, px, py, pz, vx, vy, vz, depth, n, FROM_V0, v0, NATURAL);
                return;
            }
        }
        jet.addParticle(s, e, px, py, pz, ox, oy, oz, q, source, h, isLepton);
    }
}
