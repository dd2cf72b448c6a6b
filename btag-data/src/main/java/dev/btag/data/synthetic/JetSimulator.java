package dev.btag.data.synthetic;

import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TruthFlag;
import java.util.SplittableRandom;

/**
 * Simulates one synthetic jet at a time and writes it into the six arrays of the tutorial layout. Not thread-safe:
 * each thread uses its own simulator (it keeps scratch buffers); the result depends only on the random stream given
 * to {@link #simulate}, never on the thread or the order in which jets are simulated.
 *
 * <p>The model, in short (docs/synthetic.md says more): a flavour is drawn from a QCD/tt̄-like mix of the twelve
 * truth flags; the jet gets a falling pT spectrum and |η| &lt; 2.5; fragmentation tracks come from the primary vertex
 * at the origin; b and c hadrons fly a lifetime-distributed distance along the jet and decay isotropically in their
 * rest frame (b via a cascade c hadron), so their tracks miss the origin by an impact parameter of order cτ and meet
 * at common displaced vertices; K0s-like decays, resolution tails and pile-up tracks make the light-jet background.
 * All impact parameters, vertices and jet-level CSV variables are computed from this geometry and smeared with a
 * pT-dependent resolution. Lengths are in cm, momenta in GeV.
 */
final class JetSimulator {

    // ---- truth mix: fractions of the twelve detailed flags, in TruthFlag order ----
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

    // ---- physics constants (GeV, cm) ----
    static final double PT_MIN = 30.0;
    static final double PT_MAX = 1000.0;
    static final double ETA_MAX = 2.5;
    static final double PION_MASS = 0.13957;
    static final double CHARM_THRESHOLD = 1.5;
    static final double B_MASS = 5.28;
    static final double B_CTAU = 0.0455;
    static final double D_MASS = 1.87;
    static final double D_CTAU = 0.0200;
    static final double V0_MASS = 0.498;
    /** Effective cτ of the K0s-like decays that are modelled (the early decays that still give selected tracks). */
    static final double V0_CTAU = 0.025;
    static final double JET_RADIUS = 0.4;
    /** Fraction of tracks whose impact parameter is smeared with {@link #TAIL_WIDTH} times the resolution. */
    static final double TAIL_FRACTION = 0.12;
    static final double TAIL_WIDTH = 6.0;
    /** Probability that the b- and c-hadron vertices of a b jet are reconstructed as one vertex. */
    static final double MERGE_B_AND_D = 0.6;
    /** Reconstruction efficiency of a displaced (b-, c- or K0s-daughter) track. */
    static final double DISPLACED_TRACK_EFFICIENCY = 0.92;

    // ---- CSV track selection and seeds ----
    static final double SELECT_PT_MIN = 1.0;
    static final double SELECT_IP2D_MAX = 0.2;
    static final double SELECT_DZ_MAX = 0.3;
    static final double SEED_SIG_MIN = 1.0;
    static final double PSEUDO_SIG_MIN = 2.0;

    /** Default of the *ValAboveCharm columns (cm) when no track crosses the charm threshold. */
    static final float DEFAULT_IP_VALUE = -1f;
    /** Default of the *SigAboveCharm columns when no track crosses the charm threshold. */
    static final float DEFAULT_IP_SIGNIFICANCE = -999f;
    /** Default of the per-seed partner variables when a jet has a single seed. */
    static final float DEFAULT_NO_PARTNER = -1f;

    // track sources
    private static final int FRAG = 0;
    private static final int FROM_B = 1;
    private static final int FROM_D = 2;
    private static final int FROM_V0 = 3;
    private static final int PILEUP = 4;

    private static final int MAX_TRACKS = 256;
    private static final int MAX_NEUTRALS = 256;
    private static final int MAX_VERTICES = 16;

    // ---- per-track scratch ----
    private final double[] tPt = new double[MAX_TRACKS];
    private final double[] tEta = new double[MAX_TRACKS];
    private final double[] tPhi = new double[MAX_TRACKS];
    private final double[] tPx = new double[MAX_TRACKS];
    private final double[] tPy = new double[MAX_TRACKS];
    private final double[] tPz = new double[MAX_TRACKS];
    private final double[] tOx = new double[MAX_TRACKS];
    private final double[] tOy = new double[MAX_TRACKS];
    private final double[] tOz = new double[MAX_TRACKS];
    private final int[] tCharge = new int[MAX_TRACKS];
    private final int[] tSource = new int[MAX_TRACKS];
    private final int[] tHadron = new int[MAX_TRACKS];
    private final boolean[] tLepton = new boolean[MAX_TRACKS];
    private final double[] tIp2d = new double[MAX_TRACKS];
    private final double[] tSig2d = new double[MAX_TRACKS];
    private final double[] tIp3d = new double[MAX_TRACKS];
    private final double[] tSig3d = new double[MAX_TRACKS];
    private final double[] tSigmaXy = new double[MAX_TRACKS];
    private final double[] tDz = new double[MAX_TRACKS];
    private final double[] tChi2 = new double[MAX_TRACKS];
    private final int[] tHits = new int[MAX_TRACKS];
    private final boolean[] tSelected = new boolean[MAX_TRACKS];
    private final boolean[] tInVertex = new boolean[MAX_TRACKS];
    private final int[] order = new int[MAX_TRACKS];
    private final int[] seeds = new int[MAX_TRACKS];
    private final double[] sortKey = new double[MAX_TRACKS];
    private int nTracks;

    private final double[] nPt = new double[MAX_NEUTRALS];
    private final double[] nEta = new double[MAX_NEUTRALS];
    private final double[] nPhi = new double[MAX_NEUTRALS];
    private final boolean[] nPhoton = new boolean[MAX_NEUTRALS];
    private int nNeutrals;

    // hadrons (decay vertices): position, momentum, mass, kind
    private final double[] hX = new double[MAX_VERTICES];
    private final double[] hY = new double[MAX_VERTICES];
    private final double[] hZ = new double[MAX_VERTICES];
    private final int[] hKind = new int[MAX_VERTICES];
    private int nHadrons;

    // reconstructed secondary vertices
    private final float[][] sv = new float[MAX_VERTICES][12];
    private final double[] svSig = new double[MAX_VERTICES];
    private final int[] svOrder = new int[MAX_VERTICES];
    private int nSv;

    // rest-frame decay scratch
    private final double[] dx = new double[32];
    private final double[] dy = new double[32];
    private final double[] dz = new double[32];
    private final double[] pairTmp = new double[4];
    private final double[] lineTmp = new double[4];
    private final float[] kinematicsTmp = new float[10];

    // jet
    private double jetPt;
    private double jetEta;
    private double jetPhi;
    private double axX;
    private double axY;
    private double axZ;
    private TruthFlag flag;

    /**
     * Simulates one jet and writes it at row {@code row} of the six arrays (rows of a block must start zeroed).
     *
     * @param rng the jet's own random stream
     * @param out the arrays, indexed by {@link JetArray#ordinal()}, each holding whole jet rows
     * @param row the jet's row index within {@code out}
     */
    void simulate(SplittableRandom rng, float[][] out, int row) {
        nTracks = 0;
        nNeutrals = 0;
        nHadrons = 0;
        nSv = 0;
        flag = drawFlag(rng);
        TruthFlag physFlag = rng.nextDouble() < PHYS_DIFFERS ? PHYS_ALTERNATIVE[flag.ordinal()] : flag;
        boolean gluonLike = flag == TruthFlag.G || flag == TruthFlag.GBB || flag == TruthFlag.GCC
            || flag == TruthFlag.UNDEFINED;
        boolean heavy = flag.ordinal() <= TruthFlag.CC.ordinal();

        // kinematics: pT^-n spectrum between PT_MIN and PT_MAX (harder for heavy flavour, tt̄-like), flat η and φ
        double n = heavy ? 3.3 : 4.0;
        double a = Math.pow(PT_MIN, 1 - n);
        double b = Math.pow(PT_MAX, 1 - n);
        jetPt = Math.pow(a + rng.nextDouble() * (b - a), 1.0 / (1 - n));
        jetEta = (2 * rng.nextDouble() - 1) * (ETA_MAX - 0.001);
        jetPhi = (2 * rng.nextDouble() - 1) * Math.PI;
        double coshEta = Math.cosh(jetEta);
        axX = Math.cos(jetPhi) / coshEta;
        axY = Math.sin(jetPhi) / coshEta;
        axZ = Math.tanh(jetEta);
        int npv = Math.max(1, (int) Math.round(22 + 6 * rng.nextGaussian()));

        // heavy-flavour hadrons and semileptonic decays
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
        double v0Probability = flag == TruthFlag.S ? 0.35 : gluonLike ? 0.30 : 0.25;
        if (rng.nextDouble() < v0Probability) {
            hadronShare += v0(rng);
        }

        // fragmentation: charged and neutral constituents sharing the rest of the jet pT
        double logPt = Math.log(jetPt / 20.0);
        double multiplicity = (4.0 + 3.0 * logPt) * (gluonLike ? 1.4 : 1.0) * (heavy ? 0.55 : 1.0);
        double width = Math.min(0.22, Math.max(0.03, 0.12 * Math.pow(50.0 / jetPt, 0.45))) * (gluonLike ? 1.3 : 1.0);
        double rest = Math.max(0.05, 1 - hadronShare);
        double chargedShare = Math.min(0.9, Math.max(0.3, 0.62 + 0.08 * rng.nextGaussian()));
        int nCh = Math.max(1, poisson(rng, multiplicity));
        int nNe = poisson(rng, 0.9 * multiplicity);
        fragmentation(rng, nCh, rest * chargedShare, width, true);
        fragmentation(rng, nNe, rest * (1 - chargedShare), width, false);
        int nPileup = poisson(rng, 0.03 * npv);
        for (int i = 0; i < nPileup; i++) {
            double pt = 0.5 + 1.5 * rng.nextDouble();
            addTrack(rng, pt, jetEta + width * rng.nextGaussian(), jetPhi + width * rng.nextGaussian(),
                0, 0, 4.0 * rng.nextGaussian(), PILEUP, -1, false);
        }

        measureTracks(rng);
        reconstructVertices(rng);
        writeJet(rng, out, row, physFlag, npv);
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

    /** A b hadron with its cascade c hadron; returns the jet-pT share it carries. */
    private double bHadron(SplittableRandom rng, double meanShare, boolean lepton, boolean cascadeLepton) {
        double x = clamp(meanShare + 0.12 * rng.nextGaussian(), 0.2, 0.95);
        double p = x * jetPt * Math.cosh(jetEta);
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
        cHadron(rng, pD / (jetPt * Math.cosh(jetEta)), vx, vy, vz, cascadeLepton, dDir);
        return x;
    }

    private double cHadron(SplittableRandom rng, double meanShare, double ox, double oy, double oz, boolean lepton) {
        double x = clamp(meanShare + 0.15 * rng.nextGaussian(), 0.1, 0.95);
        cHadron(rng, x, ox, oy, oz, lepton, hadronDirection(rng, 0.03));
        return x;
    }

    private void cHadron(SplittableRandom rng, double x, double ox, double oy, double oz, boolean lepton,
                         double[] dir) {
        double p = x * jetPt * Math.cosh(jetEta);
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
        double p = x * jetPt * Math.cosh(jetEta);
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
        int h = nHadrons;
        if (h < MAX_VERTICES) {
            hX[h] = x;
            hY[h] = y;
            hZ[h] = z;
            hKind[h] = kind;
            nHadrons++;
        }
        return Math.min(h, MAX_VERTICES - 1);
    }

    private double[] hadronDirection(SplittableRandom rng, double spread) {
        double eta = jetEta + spread * rng.nextGaussian();
        double phi = jetPhi + spread * rng.nextGaussian();
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
            nNeutral = Math.max(nNeutral, 2 - nCharged);
        }
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
        double scale = mass / sum;
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
            double pt = Math.max(0.3, share * jetPt * weights[i] / total);
            double w = width * (1 + 0.6 / Math.sqrt(pt));
            double deta = w * rng.nextGaussian();
            double dphi = w * rng.nextGaussian();
            double r = hypot(deta, dphi);
            if (r > JET_RADIUS) {
                deta *= JET_RADIUS / r * rng.nextDouble();
                dphi *= JET_RADIUS / r * rng.nextDouble();
            }
            if (charged) {
                addTrack(rng, pt, jetEta + deta, wrap(jetPhi + dphi), 0, 0, 0, FRAG, -1, false);
            } else {
                addNeutral(pt, jetEta + deta, wrap(jetPhi + dphi), rng.nextDouble() < 0.7);
            }
        }
    }

    private void addTrack(SplittableRandom rng, double pt, double eta, double phi, double ox, double oy, double oz,
                          int source, int hadron, boolean lepton) {
        if (nTracks >= MAX_TRACKS) {
            return;
        }
        int t = nTracks++;
        // momentum resolution: about 1% at low pT, growing with pT; the direction is measured exactly enough
        pt *= Math.max(0.5, 1 + (0.01 + 0.0002 * pt) * rng.nextGaussian());
        tPt[t] = pt;
        tEta[t] = eta;
        tPhi[t] = phi;
        tPx[t] = pt * Math.cos(phi);
        tPy[t] = pt * Math.sin(phi);
        tPz[t] = pt * Math.sinh(eta);
        tOx[t] = ox;
        tOy[t] = oy;
        tOz[t] = oz;
        tCharge[t] = rng.nextBoolean() ? 1 : -1;
        tSource[t] = source;
        tHadron[t] = hadron;
        tLepton[t] = lepton;
    }

    private void addNeutral(double pt, double eta, double phi, boolean photon) {
        if (nNeutrals >= MAX_NEUTRALS) {
            return;
        }
        int k = nNeutrals++;
        nPt[k] = pt;
        nEta[k] = eta;
        nPhi[k] = phi;
        nPhoton[k] = photon;
    }

    /** Impact parameters from the track geometry, smeared with a pT-dependent resolution and non-Gaussian tails. */
    private void measureTracks(SplittableRandom rng) {
        for (int t = 0; t < nTracks; t++) {
            double pt = tPt[t];
            double tx = tPx[t] / pt;
            double ty = tPy[t] / pt;
            // transverse point of closest approach to the beam line (the primary vertex at the origin)
            double along = tOx[t] * tx + tOy[t] * ty;
            double pcaX = tOx[t] - along * tx;
            double pcaY = tOy[t] - along * ty;
            double ip2dTrue = hypot(pcaX, pcaY);
            // lifetime sign: + when the track meets the jet axis downstream of the primary vertex
            double[] toAxis = lineToLine(0, 0, 0, axX, axY, axZ, tOx[t], tOy[t], tOz[t], tPx[t], tPy[t], tPz[t]);
            double sign = toAxis[2] >= 0 ? 1 : -1;
            double dzTrue = tOz[t] - along * (tPz[t] / pt);
            double sigmaXy = Math.sqrt(0.0020 * 0.0020 + (0.0090 / pt) * (0.0090 / pt));
            double sigmaZ = Math.sqrt(0.0030 * 0.0030 + (0.0120 / pt) * (0.0120 / pt)) * Math.sqrt(Math.cosh(tEta[t]));
            boolean tail = rng.nextDouble() < TAIL_FRACTION;
            double smear = tail ? TAIL_WIDTH : 1.0;
            double ip2d = sign * ip2dTrue + smear * sigmaXy * rng.nextGaussian();
            double dzMeas = dzTrue + smear * sigmaZ * rng.nextGaussian();
            double s2 = ip2d / sigmaXy;
            double sz = dzMeas / sigmaZ;
            double sinTheta = 1 / Math.cosh(tEta[t]);
            double s = ip2d >= 0 ? 1 : -1;
            tIp2d[t] = ip2d;
            tSig2d[t] = s2;
            tIp3d[t] = s * Math.sqrt(ip2d * ip2d + dzMeas * dzMeas * sinTheta * sinTheta);
            tSig3d[t] = s * Math.sqrt(s2 * s2 + sz * sz);
            tSigmaXy[t] = sigmaXy;
            tDz[t] = dzMeas;
            tChi2[t] = Math.max(0.1, (tail ? 2.2 : 1.0) + 0.35 * rng.nextGaussian());
            tHits[t] = tail ? 1 + rng.nextInt(3) : 2 + rng.nextInt(3);
            double dR = hypot(tEta[t] - jetEta, wrap(tPhi[t] - jetPhi));
            tSelected[t] = pt > SELECT_PT_MIN && Math.abs(ip2d) < SELECT_IP2D_MAX && Math.abs(dzMeas) < SELECT_DZ_MAX
                && dR < 0.3 && tHits[t] >= 2;
            tInVertex[t] = false;
        }
    }

    /**
     * Secondary vertices: a hadron decay becomes a reconstructed vertex when at least two of its selected tracks have
     * a 3D IP significance above 2 and it passes an efficiency; prompt tracks with large tails sometimes make a fake.
     */
    private void reconstructVertices(SplittableRandom rng) {
        int[] members = seeds; // reuse as scratch
        for (int h = 0; h < nHadrons; h++) {
            // a b hadron is followed by its cascade c hadron; the two vertices are often fitted as one
            boolean merge = hKind[h] == FROM_B && h + 1 < nHadrons && hKind[h + 1] == FROM_D
                && rng.nextDouble() < MERGE_B_AND_D;
            int m = 0;
            for (int t = 0; t < nTracks; t++) {
                if ((tHadron[t] == h || merge && tHadron[t] == h + 1) && tSelected[t] && tSig3d[t] > 2.0) {
                    members[m++] = t;
                }
            }
            double efficiency = hKind[h] == FROM_B ? 0.75 : hKind[h] == FROM_D ? 0.65 : 0.6;
            if (m >= 2 && rng.nextDouble() < efficiency) {
                addVertex(rng, members, m, hX[h], hY[h], hZ[h]);
            }
            if (merge) {
                h++;
            }
        }
        int m = 0;
        for (int t = 0; t < nTracks; t++) {
            if ((tSource[t] == FRAG || tSource[t] == PILEUP) && tSelected[t] && Math.abs(tSig3d[t]) > 3.0) {
                members[m++] = t;
            }
        }
        if (m >= 2 && rng.nextDouble() < 0.5) {
            addVertex(rng, members, Math.min(m, 3), 0, 0, 0);
        }
    }

    private void addVertex(SplittableRandom rng, int[] members, int m, double x, double y, double z) {
        if (nSv >= MAX_VERTICES) {
            return;
        }
        double px = 0;
        double py = 0;
        double pz = 0;
        double e = 0;
        for (int i = 0; i < m; i++) {
            int t = members[i];
            tInVertex[t] = true;
            px += tPx[t];
            py += tPy[t];
            pz += tPz[t];
            e += pionEnergy(t);
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
        double sign = mx * Math.cos(jetPhi) + my * Math.sin(jetPhi) >= 0 ? 1 : -1;
        int ndf = Math.max(1, 2 * m - 3);
        double chi2 = Math.max(0.05, ndf * (1 + 0.4 * rng.nextGaussian()));
        float[] v = sv[nSv];
        v[0] = (float) pt;
        v[1] = (float) (asinh(pz / Math.max(pt, 1e-9)) - jetEta);
        v[2] = (float) wrap(Math.atan2(py, px) - jetPhi);
        v[3] = (float) mass;
        v[4] = m;
        v[5] = (float) chi2;
        v[6] = (float) (chi2 / ndf);
        v[7] = (float) (sign * dxy);
        v[8] = (float) (sign * dxy / sigmaXy);
        v[9] = (float) (sign * d3d);
        v[10] = (float) (sign * d3d / sigma3d);
        v[11] = (float) cos;
        svSig[nSv] = sign * dxy / sigmaXy;
        nSv++;
    }

    private double pionEnergy(int t) {
        return Math.sqrt(tPx[t] * tPx[t] + tPy[t] * tPy[t] + tPz[t] * tPz[t] + PION_MASS * PION_MASS);
    }

    private void writeJet(SplittableRandom rng, float[] [] out, int row, TruthFlag physFlag, int npv) {
        float[] jets = out[JetArray.JETS.ordinal()];
        int base = row * JetColumn.COUNT;

        // jet 4-vector from all constituents
        double px = 0;
        double py = 0;
        double pz = 0;
        double e = 0;
        for (int t = 0; t < nTracks; t++) {
            if (tSource[t] != PILEUP) {
                px += tPx[t];
                py += tPy[t];
                pz += tPz[t];
                e += pionEnergy(t);
            }
        }
        for (int k = 0; k < nNeutrals; k++) {
            double c = Math.cosh(nEta[k]);
            px += nPt[k] * Math.cos(nPhi[k]);
            py += nPt[k] * Math.sin(nPhi[k]);
            pz += nPt[k] * Math.sinh(nEta[k]);
            e += nPt[k] * c;
        }
        double measuredPt = hypot(px, py);
        double jetMass = Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));

        // ---- CSV variables from the selected tracks ----
        int nSel = 0;
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int t = 0; t < nTracks; t++) {
            if (tSelected[t]) {
                order[nSel++] = t;
                sx += tPx[t];
                sy += tPy[t];
                sz += tPz[t];
            }
        }
        double sumPt = hypot(sx, sy);
        double sumEtRatio = nSel == 0 ? 0 : sumPt / measuredPt;
        double sumDeltaR = nSel == 0 ? 0
            : hypot(asinh(sz / Math.max(sumPt, 1e-9)) - jetEta, wrap(Math.atan2(sy, sx) - jetPhi));
        float[] above2d = aboveCharm(nSel, false);
        float[] above3d = aboveCharm(nSel, true);
        int pseudoTracks = 0;
        for (int i = 0; i < nSel; i++) {
            if (tSig2d[order[i]] > PSEUDO_SIG_MIN) {
                pseudoTracks++;
            }
        }
        for (int i = 0; i < nSv; i++) {
            svOrder[i] = i;
        }
        sortDescending(svOrder, nSv, svSig);
        int category = nSv > 0 ? 0 : pseudoTracks >= 2 ? 1 : 2;
        int nEtaRel = category == 0 ? (int) sv[svOrder[0]][4] : category == 1 ? pseudoTracks : 0;

        // ---- seeds: selected tracks with 3D IP significance above 1, by decreasing significance ----
        int nSeeds = 0;
        for (int i = 0; i < nSel; i++) {
            int t = order[i];
            if (tSig3d[t] > SEED_SIG_MIN) {
                seeds[nSeeds] = t;
                sortKey[t] = tSig3d[t];
                nSeeds++;
            }
        }
        sortDescending(seeds, nSeeds, sortKey);

        double corr = 1.0 + 0.6 / Math.sqrt(jetPt) + 0.02 * rng.nextGaussian();
        jets[base + JetColumn.JET_PT.index()] = (float) measuredPt;
        jets[base + JetColumn.JET_ETA.index()] = (float) jetEta;
        jets[base + JetColumn.N_CPFCAND.index()] = nTracks;
        jets[base + JetColumn.N_NPFCAND.index()] = nNeutrals;
        jets[base + JetColumn.NSV.index()] = nSv;
        jets[base + JetColumn.NPV.index()] = npv;
        jets[base + JetColumn.N_SEEDS.index()] = nSeeds;
        jets[base + JetColumn.TRACK_SUM_JET_ET_RATIO.index()] = (float) sumEtRatio;
        jets[base + JetColumn.TRACK_SUM_JET_DELTA_R.index()] = (float) sumDeltaR;
        jets[base + JetColumn.VERTEX_CATEGORY.index()] = category;
        jets[base + JetColumn.TRACK_SIP2D_VAL_ABOVE_CHARM.index()] = above2d[0];
        jets[base + JetColumn.TRACK_SIP2D_SIG_ABOVE_CHARM.index()] = above2d[1];
        jets[base + JetColumn.TRACK_SIP3D_VAL_ABOVE_CHARM.index()] = above3d[0];
        jets[base + JetColumn.TRACK_SIP3D_SIG_ABOVE_CHARM.index()] = above3d[1];
        jets[base + JetColumn.JET_N_SELECTED_TRACKS.index()] = nSel;
        jets[base + JetColumn.JET_N_TRACKS_ETA_REL.index()] = nEtaRel;
        jets[base + JetColumn.JET_CORR_PT.index()] = (float) (measuredPt * corr);
        jets[base + JetColumn.JET_PHI.index()] = (float) jetPhi;
        jets[base + JetColumn.JET_MASS.index()] = (float) jetMass;
        TruthFlag.writeTruthColumns(jets, row, flag, physFlag);

        writeSeeds(rng, out[JetArray.SEEDING_TRACKS.ordinal()], row, nSeeds);
        writeNeutrals(out[JetArray.NEUTRAL_CANDIDATES.ordinal()], row);
        writeCharged(out[JetArray.CHARGED_CANDIDATES.ordinal()], row, nSel);
        writeVertices(out[JetArray.SECONDARY_VERTICES.ordinal()], row);
        writeDeepVertex(rng, out[JetArray.DEEP_VERTEX_INPUTS.ordinal()], row, nSeeds);
    }

    /**
     * The CSV "above charm" track: selected tracks by decreasing 2D (or 3D) IP significance, summed as pions until
     * the mass exceeds 1.5 GeV; returns {value, significance} of that track or the defaults.
     */
    private float[] aboveCharm(int nSel, boolean threeD) {
        double[] key = threeD ? tSig3d : tSig2d;
        for (int i = 0; i < nSel; i++) {
            sortKey[order[i]] = key[order[i]];
        }
        sortDescending(order, nSel, sortKey);
        double px = 0;
        double py = 0;
        double pz = 0;
        double e = 0;
        for (int i = 0; i < nSel; i++) {
            int t = order[i];
            px += tPx[t];
            py += tPy[t];
            pz += tPz[t];
            e += pionEnergy(t);
            double m2 = e * e - px * px - py * py - pz * pz;
            if (m2 > CHARM_THRESHOLD * CHARM_THRESHOLD) {
                return threeD ? new float[] {(float) tIp3d[t], (float) tSig3d[t]}
                    : new float[] {(float) tIp2d[t], (float) tSig2d[t]};
            }
        }
        return new float[] {DEFAULT_IP_VALUE, DEFAULT_IP_SIGNIFICANCE};
    }

    /** arr_1: the first 10 seeds, 21 variables each (docs/synthetic.md lists them). */
    private void writeSeeds(SplittableRandom rng, float[] tracks, int row, int nSeeds) {
        int cap = JetArray.SEEDING_TRACKS.capacity();
        int vars = JetArray.SEEDING_TRACKS.variableCount();
        int stored = Math.min(nSeeds, cap);
        for (int i = 0; i < stored; i++) {
            int t = seeds[i];
            int o = (row * cap + i) * vars;
            writeTrackKinematics(tracks, o, t);
            // the track against the jet axis (a line through the primary vertex): distance and decay length
            double[] axis = lineToLine(0, 0, 0, axX, axY, axZ, tOx[t], tOy[t], tOz[t], tPx[t], tPy[t], tPz[t]);
            tracks[o + 10] = (float) tSigmaXy[t];
            tracks[o + 11] = (float) (tSig3d[t] == 0 ? tSigmaXy[t] : Math.abs(tIp3d[t] / tSig3d[t]));
            tracks[o + 12] = (float) Math.abs(axis[0] + tSigmaXy[t] * rng.nextGaussian());
            tracks[o + 13] = (float) (axis[2] + tSigmaXy[t] / Math.max(axis[3], 0.02) * rng.nextGaussian());
            tracks[o + 14] = (float) tChi2[t];
            tracks[o + 15] = tHits[t];
            tracks[o + 16] = tCharge[t];
            // compatibility with the other seeds: closest partner and how many seeds meet it near a common point
            double bestDca = Double.MAX_VALUE;
            double bestFlight = DEFAULT_NO_PARTNER;
            int compatible = 0;
            for (int j = 0; j < nSeeds; j++) {
                if (j == i) {
                    continue;
                }
                int u = seeds[j];
                double[] pair = pairGeometry(rng, t, u);
                if (pair[0] < bestDca) {
                    bestDca = pair[0];
                    bestFlight = pair[1];
                }
                if (pair[0] < 3 * hypot(tSigmaXy[t], tSigmaXy[u]) && pair[1] > 0.01) {
                    compatible++;
                }
            }
            tracks[o + 17] = nSeeds > 1 ? (float) bestDca : DEFAULT_NO_PARTNER;
            tracks[o + 18] = nSeeds > 1 ? (float) bestFlight : DEFAULT_NO_PARTNER;
            tracks[o + 19] = compatible;
            tracks[o + 20] = tLepton[t] ? 1f : 0f;
        }
    }

    /** Variables 0–9 shared by seeds: pT, η, φ, Δη, Δφ, pT fraction, sip2d value/significance, sip3d value/sig. */
    private void writeTrackKinematics(float[] a, int o, int t) {
        a[o] = (float) tPt[t];
        a[o + 1] = (float) tEta[t];
        a[o + 2] = (float) tPhi[t];
        a[o + 3] = (float) (tEta[t] - jetEta);
        a[o + 4] = (float) wrap(tPhi[t] - jetPhi);
        a[o + 5] = (float) (tPt[t] / jetPt);
        a[o + 6] = (float) tIp2d[t];
        a[o + 7] = (float) tSig2d[t];
        a[o + 8] = (float) tIp3d[t];
        a[o + 9] = (float) tSig3d[t];
    }

    /**
     * Distance of closest approach of two seeds' trajectories (cm, smeared with their combined resolution) and the
     * distance of the closest-approach midpoint from the primary vertex (cm, smeared more for nearly parallel tracks,
     * at most 5 cm). Reuses a scratch array.
     */
    private double[] pairGeometry(SplittableRandom rng, int t, int u) {
        double[] l = lineToLine(tOx[t], tOy[t], tOz[t], tPx[t], tPy[t], tPz[t],
            tOx[u], tOy[u], tOz[u], tPx[u], tPy[u], tPz[u]);
        double sigma = hypot(tSigmaXy[t], tSigmaXy[u]);
        pairTmp[0] = Math.abs(l[0] + sigma * rng.nextGaussian());
        pairTmp[1] = Math.min(5.0, Math.max(0, l[1] + sigma / Math.max(l[3], 0.02) * rng.nextGaussian()));
        return pairTmp;
    }

    /**
     * Closest approach of two lines (origin + s · direction): returns {distance, distance of the midpoint of the
     * closest points from the origin, position s along the first line, sine of the opening angle} in a scratch array
     * that the next call overwrites.
     */
    private double[] lineToLine(double ax, double ay, double az, double adx, double ady, double adz,
                                       double bx, double by, double bz, double bdx, double bdy, double bdz) {
        double na = Math.sqrt(adx * adx + ady * ady + adz * adz);
        double nb = Math.sqrt(bdx * bdx + bdy * bdy + bdz * bdz);
        adx /= na;
        ady /= na;
        adz /= na;
        bdx /= nb;
        bdy /= nb;
        bdz /= nb;
        double wx = ax - bx;
        double wy = ay - by;
        double wz = az - bz;
        double c = adx * bdx + ady * bdy + adz * bdz;
        double d = adx * wx + ady * wy + adz * wz;
        double e = bdx * wx + bdy * wy + bdz * wz;
        double denom = 1 - c * c;
        double s;
        double t;
        if (denom < 1e-12) {
            s = 0;
            t = e;
        } else {
            s = (c * e - d) / denom;
            t = (e - c * d) / denom;
        }
        double px = ax + s * adx;
        double py = ay + s * ady;
        double pz = az + s * adz;
        double qx = bx + t * bdx;
        double qy = by + t * bdy;
        double qz = bz + t * bdz;
        double dist = Math.sqrt((px - qx) * (px - qx) + (py - qy) * (py - qy) + (pz - qz) * (pz - qz));
        double mx = 0.5 * (px + qx);
        double my = 0.5 * (py + qy);
        double mz = 0.5 * (pz + qz);
        double[] out = lineTmp;
        out[0] = dist;
        out[1] = Math.sqrt(mx * mx + my * my + mz * mz);
        out[2] = s;
        out[3] = Math.sqrt(denom);
        return out;
    }

    /** arr_2: neutral candidates by decreasing pT: pT fraction, Δη, Δφ, ΔR, photon flag, pT (GeV). */
    private void writeNeutrals(float[] neutrals, int row) {
        int cap = JetArray.NEUTRAL_CANDIDATES.capacity();
        int vars = JetArray.NEUTRAL_CANDIDATES.variableCount();
        for (int k = 0; k < nNeutrals; k++) {
            order[k] = k;
        }
        sortDescending(order, nNeutrals, nPt);
        int stored = Math.min(nNeutrals, cap);
        for (int i = 0; i < stored; i++) {
            int k = order[i];
            int o = (row * cap + i) * vars;
            double deta = nEta[k] - jetEta;
            double dphi = wrap(nPhi[k] - jetPhi);
            neutrals[o] = (float) (nPt[k] / jetPt);
            neutrals[o + 1] = (float) deta;
            neutrals[o + 2] = (float) dphi;
            neutrals[o + 3] = (float) hypot(deta, dphi);
            neutrals[o + 4] = nPhoton[k] ? 1f : 0f;
            neutrals[o + 5] = (float) nPt[k];
        }
    }

    /**
     * arr_3: charged candidates, the selected tracks first by decreasing 2D IP significance, then the others by
     * decreasing pT. Variables: 0–9 as the seeds, 10 pT (GeV, duplicate of 0 kept for layout), ... see docs.
     */
    private void writeCharged(float[] charged, int row, int nSel) {
        int cap = JetArray.CHARGED_CANDIDATES.capacity();
        int vars = JetArray.CHARGED_CANDIDATES.variableCount();
        int k = 0;
        for (int t = 0; t < nTracks; t++) {
            if (tSelected[t]) {
                order[k] = t;
                sortKey[t] = tSig2d[t];
                k++;
            }
        }
        sortDescending(order, nSel, sortKey);
        for (int t = 0; t < nTracks; t++) {
            if (!tSelected[t]) {
                order[k] = t;
                sortKey[t] = tPt[t];
                k++;
            }
        }
        sortDescendingRange(order, nSel, nTracks, sortKey);
        int stored = Math.min(nTracks, cap);
        for (int i = 0; i < stored; i++) {
            int t = order[i];
            int o = (row * cap + i) * vars;
            charged[o] = (float) (tPt[t] / jetPt);
            charged[o + 1] = (float) (tEta[t] - jetEta);
            charged[o + 2] = (float) wrap(tPhi[t] - jetPhi);
            charged[o + 3] = (float) hypot(tEta[t] - jetEta, wrap(tPhi[t] - jetPhi));
            charged[o + 4] = (float) tIp2d[t];
            charged[o + 5] = (float) tSig2d[t];
            charged[o + 6] = (float) tIp3d[t];
            charged[o + 7] = (float) tSig3d[t];
            charged[o + 8] = tCharge[t];
            charged[o + 9] = (float) tDz[t];
            charged[o + 10] = (float) tChi2[t];
            charged[o + 11] = tHits[t];
            charged[o + 12] = tLepton[t] ? 1f : 0f;
            charged[o + 13] = tSelected[t] ? 1f : 0f;
            charged[o + 14] = tInVertex[t] ? 1f : 0f;
            charged[o + 15] = (float) tPt[t];
        }
    }

    /** arr_4: secondary vertices by decreasing flight significance, 12 variables (see addVertex). */
    private void writeVertices(float[] vertices, int row) {
        int cap = JetArray.SECONDARY_VERTICES.capacity();
        int vars = JetArray.SECONDARY_VERTICES.variableCount();
        int stored = Math.min(nSv, cap);
        for (int i = 0; i < stored; i++) {
            System.arraycopy(sv[svOrder[i]], 0, vertices, (row * cap + i) * vars, vars);
        }
    }

    /**
     * arr_5: per seed (axis 2) the 20 tracks nearest to it (by distance of closest approach), 36 parameters each,
     * neighbour-major along axis 1. Parameters: 0–9 the neighbour as the seeds' 0–9, 10 DCA to the seed (cm),
     * 11 DCA over its uncertainty, 12 distance of the closest-approach midpoint from the primary vertex (cm),
     * 13 sine of the opening angle, 14 ΔR to the seed, 15 pair mass (GeV, pions), 16 neighbour charge,
     * 17 neighbour χ²/ndf, 18 neighbour pixel hits, 19 neighbour lepton flag, 20 neighbour selected flag,
     * 21 neighbour in a vertex flag, 22–31 the seed's variables 0–9, 32 seed charge, 33 seed χ²/ndf, 34 seed pixel
     * hits, 35 rank of the neighbour (1 = nearest).
     */
    private void writeDeepVertex(SplittableRandom rng, float[] deep, int row, int nSeeds) {
        int seedsStored = Math.min(nSeeds, JetArray.DEEP_VERTEX_INPUTS.capacity());
        int params = JetArray.DEEP_VERTEX_INPUTS.variableCount();
        int columns = JetArray.DEEP_VERTEX_INPUTS.capacity();
        int jetBase = row * JetArray.DEEP_VERTEX_INPUTS.valuesPerJet();
        float[] tmp = kinematicsTmp;
        for (int s = 0; s < seedsStored; s++) {
            int seed = seeds[s];
            int m = 0;
            for (int t = 0; t < nTracks; t++) {
                if (t != seed) {
                    double[] l = lineToLine(tOx[seed], tOy[seed], tOz[seed], tPx[seed], tPy[seed], tPz[seed],
                        tOx[t], tOy[t], tOz[t], tPx[t], tPy[t], tPz[t]);
                    double sigma = hypot(tSigmaXy[seed], tSigmaXy[t]);
                    double dca = Math.abs(l[0] + sigma * rng.nextGaussian());
                    order[m] = t;
                    sortKey[t] = -dca;
                    tDca[t] = dca;
                    tDcaSigma[t] = sigma;
                    tMid[t] = Math.max(0, l[1] + sigma / Math.max(l[3], 0.02) * rng.nextGaussian());
                    tSinOpen[t] = l[3];
                    m++;
                }
            }
            sortDescending(order, m, sortKey);
            int neighbours = Math.min(m, JetArray.DEEP_VERTEX_NEIGHBOURS);
            for (int k = 0; k < neighbours; k++) {
                int t = order[k];
                int o = jetBase + k * params * columns + s;
                writeTrackKinematics(tmp, 0, t);
                for (int v = 0; v < 10; v++) {
                    deep[o + v * columns] = tmp[v];
                }
                double px = tPx[t] + tPx[seed];
                double py = tPy[t] + tPy[seed];
                double pz = tPz[t] + tPz[seed];
                double e = pionEnergy(t) + pionEnergy(seed);
                deep[o + 10 * columns] = (float) tDca[t];
                deep[o + 11 * columns] = (float) (tDca[t] / tDcaSigma[t]);
                deep[o + 12 * columns] = (float) Math.min(tMid[t], 5.0);
                deep[o + 13 * columns] = (float) tSinOpen[t];
                deep[o + 14 * columns] = (float) hypot(tEta[t] - tEta[seed], wrap(tPhi[t] - tPhi[seed]));
                deep[o + 15 * columns] = (float) Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
                deep[o + 16 * columns] = tCharge[t];
                deep[o + 17 * columns] = (float) tChi2[t];
                deep[o + 18 * columns] = tHits[t];
                deep[o + 19 * columns] = tLepton[t] ? 1f : 0f;
                deep[o + 20 * columns] = tSelected[t] ? 1f : 0f;
                deep[o + 21 * columns] = tInVertex[t] ? 1f : 0f;
                writeTrackKinematics(tmp, 0, seed);
                for (int v = 0; v < 10; v++) {
                    deep[o + (22 + v) * columns] = tmp[v];
                }
                deep[o + 32 * columns] = tCharge[seed];
                deep[o + 33 * columns] = (float) tChi2[seed];
                deep[o + 34 * columns] = tHits[seed];
                deep[o + 35 * columns] = k + 1;
            }
        }
    }

    private final double[] tDca = new double[MAX_TRACKS];
    private final double[] tDcaSigma = new double[MAX_TRACKS];
    private final double[] tMid = new double[MAX_TRACKS];
    private final double[] tSinOpen = new double[MAX_TRACKS];

    /** Insertion sort of {@code idx[0, n)} by decreasing {@code key[idx[i]]} (stable; n is small). */
    private static void sortDescending(int[] idx, int n, double[] key) {
        sortDescendingRange(idx, 0, n, key);
    }

    private static void sortDescendingRange(int[] idx, int from, int to, double[] key) {
        for (int i = from + 1; i < to; i++) {
            int v = idx[i];
            double k = key[v];
            int j = i - 1;
            while (j >= from && key[idx[j]] < k) {
                idx[j + 1] = idx[j];
                j--;
            }
            idx[j + 1] = v;
        }
    }

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

    /** √(x² + y²) without {@code Math.hypot}'s overflow care, which is slow and not needed for these magnitudes. */
    private static double hypot(double x, double y) {
        return Math.sqrt(x * x + y * y);
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    static double wrap(double phi) {
        double p = phi;
        while (p > Math.PI) {
            p -= 2 * Math.PI;
        }
        while (p <= -Math.PI) {
            p += 2 * Math.PI;
        }
        return p;
    }
}
