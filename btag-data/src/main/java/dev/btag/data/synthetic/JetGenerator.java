package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.GeneratedJet.FRAGMENTATION;
import static dev.btag.data.synthetic.GeneratedJet.FROM_B;
import static dev.btag.data.synthetic.GeneratedJet.FROM_D;
import static dev.btag.data.synthetic.GeneratedJet.FROM_V0;
import static dev.btag.data.synthetic.GeneratedJet.MAX_HADRONS;
import static dev.btag.data.synthetic.GeneratedJet.MAX_NEUTRALS;
import static dev.btag.data.synthetic.GeneratedJet.MAX_TRACKS;
import static dev.btag.data.synthetic.GeneratedJet.PILEUP;
import static dev.btag.data.synthetic.Kinematics.asinh;
import static dev.btag.data.synthetic.Kinematics.hypot;
import static dev.btag.data.synthetic.Kinematics.wrap;

import dev.btag.data.schema.TruthFlag;
import java.util.SplittableRandom;

/**
 * Generation, the physics truth of a synthetic jet: it draws the flavour, the jet's kinematics, the heavy-flavour
 * and K0s-like hadrons with their decays, the fragmentation and the pile-up, and fills a {@link GeneratedJet}.
 *
 * <p>The model (docs/synthetic.md says more): a flavour is drawn from a QCD/tt̄-like mix of the twelve truth flags;
 * the jet gets a falling pT spectrum and |η| &lt; 2.5; fragmentation particles come from the primary vertex at the
 * origin; b and c hadrons fly a lifetime-distributed distance along the jet and decay isotropically in their rest
 * frame (b via a cascade c hadron), so their tracks miss the origin by an impact parameter of order cτ and meet at
 * common displaced vertices. Lengths in cm, momenta and masses in GeV.
 *
 * <p>Two detector effects are drawn here, when each particle is created, because the random stream has always had
 * them there and the files must stay byte-identical for a seed: the 92% reconstruction efficiency of displaced
 * daughter tracks, and the tracker's pT resolution (and the charge) of every track. Everything else a detector does
 * is in {@link JetReconstruction}.
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

    /** Lowest jet pT (GeV). */
    static final double PT_MIN = 30.0;
    /** Highest jet pT (GeV). */
    static final double PT_MAX = 1000.0;
    /** Largest |η| of a jet. */
    static final double ETA_MAX = 2.5;
    /** b-hadron mass (GeV). */
    static final double B_MASS = 5.28;
    /** b-hadron cτ (cm). */
    static final double B_CTAU = 0.0455;
    /** c-hadron mass (GeV). */
    static final double D_MASS = 1.87;
    /** c-hadron cτ (cm). */
    static final double D_CTAU = 0.0200;
    /** K0s mass (GeV). */
    static final double V0_MASS = 0.498;
    /** Effective cτ of the K0s-like decays that are modelled (the early decays that still give selected tracks). */
    static final double V0_CTAU = 0.025;
    /** Largest ΔR of a fragmentation particle from the jet axis. */
    static final double JET_RADIUS = 0.4;
    /** Reconstruction efficiency of a displaced (b-, c- or K0s-daughter) track. */
    static final double DISPLACED_TRACK_EFFICIENCY = 0.92;

    // rest-frame decay scratch
    private final double[] dx = new double[32];
    private final double[] dy = new double[32];
    private final double[] dz = new double[32];

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
        boolean gluonLike = flag == TruthFlag.G || flag == TruthFlag.GBB || flag == TruthFlag.GCC
            || flag == TruthFlag.UNDEFINED;
        boolean heavy = flag.ordinal() <= TruthFlag.CC.ordinal();

        // kinematics: pT^-n spectrum between PT_MIN and PT_MAX (harder for heavy flavour, tt̄-like), flat η and φ
        double n = heavy ? 3.3 : 4.0;
        double a = Math.pow(PT_MIN, 1 - n);
        double b = Math.pow(PT_MAX, 1 - n);
        jet.pt = Math.pow(a + rng.nextDouble() * (b - a), 1.0 / (1 - n));
        jet.eta = (2 * rng.nextDouble() - 1) * (ETA_MAX - 0.001);
        jet.phi = (2 * rng.nextDouble() - 1) * Math.PI;
        double coshEta = Math.cosh(jet.eta);
        jet.axisX = Math.cos(jet.phi) / coshEta;
        jet.axisY = Math.sin(jet.phi) / coshEta;
        jet.axisZ = Math.tanh(jet.eta);
        jet.primaryVertices = Math.max(1, (int) Math.round(22 + 6 * rng.nextGaussian()));

        double hadronShare = heavyHadrons(rng, flag);
        double v0Probability = flag == TruthFlag.S ? 0.35 : gluonLike ? 0.30 : 0.25;
        if (rng.nextDouble() < v0Probability) {
            hadronShare += v0(rng);
        }

        // fragmentation: charged and neutral constituents sharing the rest of the jet pT
        double logPt = Math.log(jet.pt / 20.0);
        double multiplicity = (4.0 + 3.0 * logPt) * (gluonLike ? 1.4 : 1.0) * (heavy ? 0.55 : 1.0);
        double width = Math.min(0.22, Math.max(0.03, 0.12 * Math.pow(50.0 / jet.pt, 0.45))) * (gluonLike ? 1.3 : 1.0);
        double rest = Math.max(0.05, 1 - hadronShare);
        double chargedShare = Math.min(0.9, Math.max(0.3, 0.62 + 0.08 * rng.nextGaussian()));
        int nCh = Math.max(1, poisson(rng, multiplicity));
        int nNe = poisson(rng, 0.9 * multiplicity);
        fragmentation(rng, nCh, rest * chargedShare, width, true);
        fragmentation(rng, nNe, rest * (1 - chargedShare), width, false);
        int nPileup = poisson(rng, 0.03 * jet.primaryVertices);
        for (int i = 0; i < nPileup; i++) {
            double pt = 0.5 + 1.5 * rng.nextDouble();
            addTrack(rng, pt, jet.eta + width * rng.nextGaussian(), jet.phi + width * rng.nextGaussian(),
                0, 0, 4.0 * rng.nextGaussian(), PILEUP, -1, false);
        }
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

    /** The b and c hadrons of a heavy-flavour jet, with semileptonic decays; returns the jet-pT share they carry. */
    private double heavyHadrons(SplittableRandom rng, TruthFlag flag) {
        double hadronShare = 0;
        switch (flag) {
            case B -> hadronShare += bHadron(rng, 0.65, false, false);
            case LEPTONIC_B -> hadronShare += bHadron(rng, 0.65, true, false);
            case LEPTONIC_B_C -> hadronShare += bHadron(rng, 0.65, false, true);
            case BB, GBB -> {
                hadronShare += bHadron(rng, 0.40, false, false);
                hadronShare += bHadron(rng, 0.30, false, false);
            }
            case C -> hadronShare += cHadron(rng, 0.60, 0, 0, 0, rng.nextDouble() < 0.12);
            case CC, GCC -> {
                hadronShare += cHadron(rng, 0.35, 0, 0, 0, false);
                hadronShare += cHadron(rng, 0.30, 0, 0, 0, false);
            }
            default -> { }
        }
        return hadronShare;
    }

    /** A b hadron with its cascade c hadron; returns the jet-pT share it carries. */
    private double bHadron(SplittableRandom rng, double meanShare, boolean lepton, boolean cascadeLepton) {
        double x = clamp(meanShare + 0.12 * rng.nextGaussian(), 0.2, 0.95);
        double p = x * jet.pt * Math.cosh(jet.eta);
        double[] dir = hadronDirection(rng, 0.02);
        double bg = p / B_MASS;
        double length = bg * B_CTAU * rng.nextExponential();
        double vx = length * dir[0];
        double vy = length * dir[1];
        double vz = length * dir[2];
        int hadron = addHadron(vx, vy, vz, FROM_B);
        // B -> D + X: the D takes about half of the momentum, X decays at the B vertex
        double pD = p * clamp(0.5 + 0.1 * rng.nextGaussian(), 0.25, 0.75);
        int nCharged = 2 + poisson(rng, 1.2);
        int nNeutral = 1 + poisson(rng, 0.5) + (lepton ? 1 : 0);
        double massX = 1.2 + 2.4 * rng.nextDouble();
        decay(rng, p - pD, dir, massX, vx, vy, vz, nCharged, nNeutral, FROM_B, hadron, lepton);
        double spread = 0.5 * B_MASS / p;
        double[] dDir = perturb(rng, dir, spread);
        cHadron(rng, pD / (jet.pt * Math.cosh(jet.eta)), vx, vy, vz, cascadeLepton, dDir);
        return x;
    }

    private double cHadron(SplittableRandom rng, double meanShare, double ox, double oy, double oz, boolean lepton) {
        double x = clamp(meanShare + 0.15 * rng.nextGaussian(), 0.1, 0.95);
        cHadron(rng, x, ox, oy, oz, lepton, hadronDirection(rng, 0.03));
        return x;
    }

    private void cHadron(SplittableRandom rng, double x, double ox, double oy, double oz, boolean lepton,
                         double[] dir) {
        double p = x * jet.pt * Math.cosh(jet.eta);
        double length = p / D_MASS * D_CTAU * rng.nextExponential();
        double vx = ox + length * dir[0];
        double vy = oy + length * dir[1];
        double vz = oz + length * dir[2];
        int hadron = addHadron(vx, vy, vz, FROM_D);
        int nCharged = rng.nextDouble() < 0.3 ? 4 : 2;
        int nNeutral = poisson(rng, 0.9) + (lepton ? 1 : 0);
        if (lepton) {
            nCharged -= 1;
        }
        decay(rng, p, dir, D_MASS, vx, vy, vz, nCharged, nNeutral, FROM_D, hadron, lepton);
    }

    /** A K0s-like two-track decay near the primary vertex; returns its pT share. */
    private double v0(SplittableRandom rng) {
        double x = clamp(0.15 + 0.1 * rng.nextGaussian(), 0.03, 0.5);
        double p = x * jet.pt * Math.cosh(jet.eta);
        double[] dir = hadronDirection(rng, 0.08);
        double length = p / V0_MASS * V0_CTAU * rng.nextExponential();
        double vx = length * dir[0];
        double vy = length * dir[1];
        double vz = length * dir[2];
        int hadron = addHadron(vx, vy, vz, FROM_V0);
        decay(rng, p, dir, V0_MASS, vx, vy, vz, 2, 0, FROM_V0, hadron, false);
        return x;
    }

    private int addHadron(double x, double y, double z, int kind) {
        int h = jet.hadrons;
        if (h < MAX_HADRONS) {
            jet.hadronX[h] = x;
            jet.hadronY[h] = y;
            jet.hadronZ[h] = z;
            jet.hadronKind[h] = kind;
            jet.hadrons++;
        }
        return Math.min(h, MAX_HADRONS - 1);
    }

    private double[] hadronDirection(SplittableRandom rng, double spread) {
        double eta = jet.eta + spread * rng.nextGaussian();
        double phi = jet.phi + spread * rng.nextGaussian();
        double c = Math.cosh(eta);
        return new double[] {Math.cos(phi) / c, Math.sin(phi) / c, Math.tanh(eta)};
    }

    private static double[] perturb(SplittableRandom rng, double[] dir, double spread) {
        double x = dir[0] + spread * rng.nextGaussian();
        double y = dir[1] + spread * rng.nextGaussian();
        double z = dir[2] + spread * rng.nextGaussian();
        double norm = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / norm, y / norm, z / norm};
    }

    /**
     * Decays a particle of momentum {@code p} along {@code dir} and mass {@code mass} at (vx, vy, vz) into charged
     * tracks and neutral candidates: isotropic massless momenta in the rest frame that balance and sum to the mass,
     * boosted to the lab. With {@code lepton}, the first charged daughter is a lepton and the last neutral one an
     * invisible neutrino.
     */
    private void decay(SplittableRandom rng, double p, double[] dir, double mass, double vx, double vy, double vz,
                       int nCharged, int nNeutral, int source, int hadron, boolean lepton) {
        int n = Math.min(nCharged + nNeutral, dx.length);
        if (n < 2) {
            n = 2;
        }
        double scale = mass / restFrameMomenta(rng, n, lepton);
        double energy = Math.sqrt(p * p + mass * mass);
        double gamma = energy / mass;
        double beta = p / energy;
        for (int i = 0; i < n; i++) {
            double px = dx[i] * scale;
            double py = dy[i] * scale;
            double pz = dz[i] * scale;
            double e = Math.sqrt(px * px + py * py + pz * pz);
            double par = px * dir[0] + py * dir[1] + pz * dir[2];
            double add = (gamma - 1) * par + gamma * beta * e;
            px += add * dir[0];
            py += add * dir[1];
            pz += add * dir[2];
            boolean charged = i < nCharged;
            boolean neutrino = lepton && i == n - 1 && !charged;
            if (neutrino) {
                continue;
            }
            double pt = hypot(px, py);
            if (pt < 1e-6) {
                continue;
            }
            double eta = asinh(pz / pt);
            double phi = Math.atan2(py, px);
            if (charged) {
                if (rng.nextDouble() < DISPLACED_TRACK_EFFICIENCY) {
                    addTrack(rng, pt, eta, phi, vx, vy, vz, source, hadron, lepton && i == 0);
                }
            } else {
                addNeutral(pt, eta, phi, true);
            }
        }
    }

    /**
     * Draws {@code n} isotropic massless momenta in {@code dx/dy/dz} and shifts them to balance (sum zero); the
     * lepton, when there is one, is 1.6 times harder. Returns the sum of their magnitudes, to scale them to a mass.
     */
    private double restFrameMomenta(SplittableRandom rng, int n, boolean lepton) {
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int i = 0; i < n; i++) {
            double cos = 2 * rng.nextDouble() - 1;
            double sin = Math.sqrt(1 - cos * cos);
            double phi = 2 * Math.PI * rng.nextDouble();
            double mag = 0.5 + rng.nextExponential();
            if (lepton && i == 0) {
                mag *= 1.6;
            }
            dx[i] = mag * sin * Math.cos(phi);
            dy[i] = mag * sin * Math.sin(phi);
            dz[i] = mag * cos;
            sx += dx[i];
            sy += dy[i];
            sz += dz[i];
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            dx[i] -= sx / n;
            dy[i] -= sy / n;
            dz[i] -= sz / n;
            sum += Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i] + dz[i] * dz[i]);
        }
        return sum;
    }

    private void fragmentation(SplittableRandom rng, int count, double share, double width, boolean charged) {
        if (count <= 0) {
            return;
        }
        double[] weights = dx.length >= count ? dx : new double[count];
        double total = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = rng.nextExponential();
            total += weights[i];
        }
        for (int i = 0; i < count; i++) {
            double pt = Math.max(0.3, share * jet.pt * weights[i] / total);
            double w = width * (1 + 0.6 / Math.sqrt(pt));
            double deta = w * rng.nextGaussian();
            double dphi = w * rng.nextGaussian();
            double r = hypot(deta, dphi);
            if (r > JET_RADIUS) {
                deta *= JET_RADIUS / r * rng.nextDouble();
                dphi *= JET_RADIUS / r * rng.nextDouble();
            }
            if (charged) {
                addTrack(rng, pt, jet.eta + deta, wrap(jet.phi + dphi), 0, 0, 0, FRAGMENTATION, -1, false);
            } else {
                addNeutral(pt, jet.eta + deta, wrap(jet.phi + dphi), rng.nextDouble() < 0.7);
            }
        }
    }

    private void addTrack(SplittableRandom rng, double pt, double eta, double phi, double ox, double oy, double oz,
                          int source, int hadron, boolean lepton) {
        if (jet.tracks >= MAX_TRACKS) {
            return;
        }
        int t = jet.tracks++;
        // momentum resolution: about 1% at low pT, growing with pT; the direction is measured exactly enough
        pt *= Math.max(0.5, 1 + (0.01 + 0.0002 * pt) * rng.nextGaussian());
        jet.trackPt[t] = pt;
        jet.trackEta[t] = eta;
        jet.trackPhi[t] = phi;
        jet.px[t] = pt * Math.cos(phi);
        jet.py[t] = pt * Math.sin(phi);
        jet.pz[t] = pt * Math.sinh(eta);
        jet.originX[t] = ox;
        jet.originY[t] = oy;
        jet.originZ[t] = oz;
        jet.charge[t] = rng.nextBoolean() ? 1 : -1;
        jet.source[t] = source;
        jet.hadron[t] = hadron;
        jet.lepton[t] = lepton;
    }

    private void addNeutral(double pt, double eta, double phi, boolean photon) {
        if (jet.neutrals >= MAX_NEUTRALS) {
            return;
        }
        int k = jet.neutrals++;
        jet.neutralPt[k] = pt;
        jet.neutralEta[k] = eta;
        jet.neutralPhi[k] = phi;
        jet.photon[k] = photon;
    }

    /** A Poisson draw (Knuth's product method; a rounded Gaussian above a mean of 40). */
    static int poisson(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 40) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = rng.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            k++;
        }
        return k;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
