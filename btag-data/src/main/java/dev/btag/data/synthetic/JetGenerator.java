package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.GeneratedJet.FRAGMENTATION;
import static dev.btag.data.synthetic.GeneratedJet.PILEUP;

import dev.btag.data.schema.TruthFlag;
import java.util.SplittableRandom;

/**
 * Generation, the physics truth of a synthetic jet: it draws the flavour, the parton's kinematics, the heavy hadrons
 * (species, momentum fraction from a fragmentation function, decays with lifetimes, via {@link HadronDecays}), the
 * fragmentation of the rest of the parton's momentum into pions, kaons, protons, K0s, K0L, Λ, neutrons and π⁰, and
 * the neutral pile-up particles near the jet, and fills a {@link GeneratedJet}. Particles are not confined to a cone:
 * whatever falls outside ΔR 0.4 of the clustered axis is lost in {@link JetReconstruction}, as in a real jet.
 *
 * <p>Fragmentation does not depend on the flavour: a b or c quark gives its hadron a share x of its energy drawn from
 * the Kartvelishvili function (⟨x_b⟩ = 0.70, ⟨x_c⟩ = 0.50), and the remaining momentum fragments exactly as a light
 * quark's would (a gluon's gives 1.5 times more and 1.3 times wider particles). Lengths in cm, momenta in GeV.
 *
 * <p>Not thread-safe (it keeps scratch buffers); the result depends only on the random stream.
 */
final class JetGenerator {

    /** Fractions of the twelve detailed flags, in {@link TruthFlag} order. */
    static final double[] FLAG_FRACTIONS = {
        0.120, 0.015, 0.015, 0.035, 0.025, // B, GBB, BB, LEPTONIC_B, LEPTONIC_B_C
        0.090, 0.020, 0.015,               // C, GCC, CC
        0.330, 0.100,                      // UD, S
        0.225,                             // G
        0.010,                             // UNDEFINED
    };
    /** Probability that the isPhys definition differs from the plain one. */
    static final double PHYS_DIFFERS = 0.04;
    private static final TruthFlag[] FLAGS = TruthFlag.values();
    /** The isPhys flag used when the definitions differ, indexed by the plain flag's ordinal. */
    private static final TruthFlag[] PHYS_ALTERNATIVE = {
        TruthFlag.BB, TruthFlag.B, TruthFlag.B, TruthFlag.B, TruthFlag.LEPTONIC_B,
        TruthFlag.CC, TruthFlag.C, TruthFlag.C,
        TruthFlag.G, TruthFlag.UD, TruthFlag.UD, TruthFlag.G,
    };

    /** Lowest parton pT (GeV). */
    static final double PT_MIN = 30.0;
    /** Highest parton pT (GeV). */
    static final double PT_MAX = 1000.0;
    /** Largest |η| of a parton. */
    static final double ETA_MAX = 2.5;
    /** Kartvelishvili α of b quarks: ⟨x_b⟩ = (α + 1) / (α + 3) = 0.70. */
    static final double ALPHA_B = 11.0 / 3.0;
    /** Kartvelishvili α of c quarks: ⟨x_c⟩ = 0.50. */
    static final double ALPHA_C = 1.0;
    /** Species of the primary fragmentation hadrons. */
    private static final Species[] PRIMARIES = {
        Species.PION, Species.PI0, Species.KAON, Species.K0S, Species.K0L, Species.PROTON, Species.NEUTRON,
        Species.LAMBDA,
    };
    /**
     * Their fractions: π± 51%, π⁰ 30%, K± 7%, K0s 3%, K0L 3%, p 2.5%, n 2.5%, Λ 1% (roughly LEP's mix of stable and
     * long-lived hadrons in a jet: K0s per charged particle 0.05, Λ per charged particle 0.017).
     */
    private static final double[] PRIMARY_FRACTIONS = {0.51, 0.30, 0.07, 0.03, 0.03, 0.025, 0.025, 0.01};

    private final HadronDecays decays = new HadronDecays();
    private final double[] shares = new double[GeneratedJet.MAX_PARTICLES];
    private GeneratedJet jet;

    /**
     * Generates one jet into {@code into}, which is cleared first.
     *
     * @param rng the jet's own random stream
     * @param into the record to fill
     */
    void generate(SplittableRandom rng, GeneratedJet into) {
        jet = into;
        jet.clear();
        TruthFlag flag = drawFlag(rng);
        jet.flag = flag;
        jet.physFlag = rng.nextDouble() < PHYS_DIFFERS ? PHYS_ALTERNATIVE[flag.ordinal()] : flag;
        jet.gluonLike = flag == TruthFlag.G || flag == TruthFlag.GBB || flag == TruthFlag.GCC
            || flag == TruthFlag.UNDEFINED;
        boolean heavy = flag.ordinal() <= TruthFlag.CC.ordinal();

        // kinematics: pT^-n spectrum between PT_MIN and PT_MAX (harder for heavy flavour, tt̄-like), flat η and φ
        double n = heavy ? 3.3 : 4.0;
        double a = Math.pow(PT_MIN, 1 - n);
        double b = Math.pow(PT_MAX, 1 - n);
        jet.pt = Math.pow(a + rng.nextDouble() * (b - a), 1.0 / (1 - n));
        jet.eta = (2 * rng.nextDouble() - 1) * (ETA_MAX - 0.001);
        jet.phi = (2 * rng.nextDouble() - 1) * Math.PI;
        jet.primaryVertices = Math.max(1, (int) Math.round(22 + 6 * rng.nextGaussian()));

        double energy = jet.pt * Math.cosh(jet.eta);
        double heavyEnergy = heavyHadrons(rng, flag, energy);
        double rest = Math.max(0.05 * energy, energy - heavyEnergy);
        fragmentation(rng, rest);
        pileUp(rng);
        jet = null;
    }

    private TruthFlag drawFlag(SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < FLAGS.length - 1; i++) {
            u -= FLAG_FRACTIONS[i];
            if (u < 0) {
                return FLAGS[i];
            }
        }
        return TruthFlag.UNDEFINED;
    }

    /**
     * The b and c hadrons of a heavy-flavour jet; returns the energy they take from the parton. Two heavy quarks
     * (bb, g → bb̄, cc, g → cc̄) share the parton's energy as z and 1 - z (z from the g → QQ̄ splitting function
     * z² + (1 - z)²) and fly apart by an angle of 0.05–0.35 rad in η-φ.
     */
    private double heavyHadrons(SplittableRandom rng, TruthFlag flag, double energy) {
        return switch (flag) {
            case B -> bQuark(rng, energy, 0, 0, HadronDecays.FORBID, HadronDecays.FORBID);
            case LEPTONIC_B -> bQuark(rng, energy, 0, 0, HadronDecays.FORCE, HadronDecays.NATURAL);
            case LEPTONIC_B_C -> bQuark(rng, energy, 0, 0, HadronDecays.FORBID, HadronDecays.FORCE);
            case C -> cQuark(rng, energy, 0, 0);
            case BB, GBB, CC, GCC -> {
                double z = splitting(rng);
                double opening = 0.05 + 0.30 * rng.nextDouble();
                double angle = 2 * Math.PI * rng.nextDouble();
                double dEta = opening * Math.cos(angle);
                double dPhi = opening * Math.sin(angle);
                boolean bottom = flag == TruthFlag.BB || flag == TruthFlag.GBB;
                double first = bottom
                    ? bQuark(rng, z * energy, (1 - z) * dEta, (1 - z) * dPhi, HadronDecays.NATURAL,
                        HadronDecays.NATURAL)
                    : cQuark(rng, z * energy, (1 - z) * dEta, (1 - z) * dPhi);
                double second = bottom
                    ? bQuark(rng, (1 - z) * energy, -z * dEta, -z * dPhi, HadronDecays.NATURAL, HadronDecays.NATURAL)
                    : cQuark(rng, (1 - z) * energy, -z * dEta, -z * dPhi);
                yield first + second;
            }
            default -> 0;
        };
    }

    /** z of g → QQ̄ from P(z) ∝ z² + (1 - z)², by rejection. */
    private static double splitting(SplittableRandom rng) {
        while (true) {
            double z = rng.nextDouble();
            if (rng.nextDouble() < z * z + (1 - z) * (1 - z)) {
                return z;
            }
        }
    }

    /** A b quark of energy {@code e}, offset by (dEta, dPhi) from the parton: its b hadron; returns its energy. */
    private double bQuark(SplittableRandom rng, double e, double dEta, double dPhi, int leptonMode, int cascadeMode) {
        Species s = Species.draw(Species.B_HADRONS, Species.B_FRACTIONS, rng.nextDouble());
        double x = Draws.kartvelishvili(rng, ALPHA_B);
        double p = Math.sqrt(Math.max(1e-6, x * e * x * e - s.mass() * s.mass()));
        double[] dir = direction(rng, dEta, dPhi, 0.5 / p);
        decays.bHadron(rng, jet, s, p * dir[0], p * dir[1], p * dir[2], leptonMode, cascadeMode, x);
        return Math.max(x * e, s.mass());
    }

    /** A c quark of energy {@code e}, offset by (dEta, dPhi) from the parton: its c hadron; returns its energy. */
    private double cQuark(SplittableRandom rng, double e, double dEta, double dPhi) {
        Species s = Species.draw(Species.C_HADRONS, Species.C_FRACTIONS, rng.nextDouble());
        double x = Draws.kartvelishvili(rng, ALPHA_C);
        double p = Math.sqrt(Math.max(1e-6, x * e * x * e - s.mass() * s.mass()));
        double[] dir = direction(rng, dEta, dPhi, 0.5 / p);
        decays.cHadron(rng, jet, s, p * dir[0], p * dir[1], p * dir[2], 0, 0, 0, HadronDecays.NATURAL, 0, x);
        return Math.max(x * e, s.mass());
    }

    /** A unit vector at (η + dEta, φ + dPhi) from the parton, smeared by a Gaussian of width {@code spread}. */
    private double[] direction(SplittableRandom rng, double dEta, double dPhi, double spread) {
        double eta = jet.eta + dEta + spread * rng.nextGaussian();
        double phi = jet.phi + dPhi + spread * rng.nextGaussian();
        double c = Math.cosh(eta);
        return new double[] {Math.cos(phi) / c, Math.sin(phi) / c, Math.tanh(eta)};
    }

    /**
     * Fragmentation of {@code momentum} (GeV) into primary hadrons: Poisson multiplicity rising with the logarithm of
     * the momentum's pT, shares of a flat Dirichlet (exponential weights), directions spread around the parton by a
     * perturbative width (narrower at high pT) and an intrinsic kT of Gamma(2, 0.2 GeV).
     */
    private void fragmentation(SplittableRandom rng, double momentum) {
        double restPt = momentum / Math.cosh(jet.eta);
        double mean = (2.5 + 5.5 * Math.log(1 + restPt / 4.0)) * (jet.gluonLike ? 1.5 : 1.0);
        double width = 0.09 * Math.pow(50.0 / jet.pt, 0.4) * (jet.gluonLike ? 1.3 : 1.0);
        int count = Math.min(Math.max(1, Draws.poisson(rng, mean)), shares.length);
        double total = 0;
        for (int i = 0; i < count; i++) {
            shares[i] = rng.nextExponential();
            total += shares[i];
        }
        for (int i = 0; i < count; i++) {
            Species s = Species.draw(PRIMARIES, PRIMARY_FRACTIONS, rng.nextDouble());
            double p = momentum * shares[i] / total;
            double kt = 0.2 * (rng.nextExponential() + rng.nextExponential());
            double psi = 2 * Math.PI * rng.nextDouble();
            double eta = jet.eta + width * rng.nextGaussian();
            double phi = jet.phi + width * rng.nextGaussian();
            double angle = Math.min(1.5, kt / Math.max(p, 0.05) * Math.cosh(eta));
            eta += angle * Math.cos(psi);
            phi += angle * Math.sin(psi);
            double c = Math.cosh(eta);
            double px = p * Math.cos(phi) / c;
            double py = p * Math.sin(phi) / c;
            double pz = p * Math.tanh(eta);
            double e = Math.sqrt(p * p + s.mass() * s.mass());
            int q = s.charged() ? (rng.nextBoolean() ? 1 : -1) : 0;
            decays.emit(rng, jet, s, e, px, py, pz, 0, 0, 0, q, FRAGMENTATION, -1, false, 0);
        }
    }

    /**
     * Neutral pile-up particles near the jet: Poisson(0.12 × npv), pT 0.3 GeV + exponential of mean 0.5 GeV, spread
     * uniformly over a disc of radius 0.5 around the parton, 70% photons and 30% K0L. Charged pile-up is removed
     * before clustering, as charged-hadron subtraction does.
     */
    private void pileUp(SplittableRandom rng) {
        int count = Draws.poisson(rng, 0.12 * jet.primaryVertices);
        for (int i = 0; i < count; i++) {
            double pt = 0.3 + 0.5 * rng.nextExponential();
            double r = 0.5 * Math.sqrt(rng.nextDouble());
            double psi = 2 * Math.PI * rng.nextDouble();
            double eta = jet.eta + r * Math.cos(psi);
            double phi = jet.phi + r * Math.sin(psi);
            Species s = rng.nextDouble() < 0.7 ? Species.PHOTON : Species.K0L;
            double px = pt * Math.cos(phi);
            double py = pt * Math.sin(phi);
            double pz = pt * Math.sinh(eta);
            double e = Math.sqrt(pt * pt + pz * pz + s.mass() * s.mass());
            jet.addParticle(s, e, px, py, pz, 0, 0, 0, 0, PILEUP, -1, false);
        }
    }
}
