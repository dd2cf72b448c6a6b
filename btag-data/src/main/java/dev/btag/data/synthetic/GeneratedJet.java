package dev.btag.data.synthetic;

import dev.btag.data.schema.TruthFlag;

/**
 * The particle-level record of one simulated jet, as {@link JetGenerator} leaves it: the truth flavour, the jet's
 * direction and pT, the charged particles (one per track the tracker will find), the neutral particles and the decay
 * vertices of the hadrons. {@link JetReconstruction} reads it to measure the jet as a detector would, and
 * {@link LayoutEncoder} reads it for the momenta and flags it writes.
 *
 * <p>Units: momenta in GeV, lengths in cm, angles in radians; the primary vertex is at the origin and the beam
 * along z. Per-particle values are parallel arrays indexed by the particle's number, valid for indices below the
 * counts ({@link #tracks}, {@link #neutrals}, {@link #hadrons}); entries beyond them are stale.
 *
 * <p>A mutable scratch record, reused for every jet a thread simulates ({@link #clear()} starts a new jet); not
 * thread-safe. The fields are package-private so that the three stages read them without copying; only
 * {@link JetGenerator} writes them.
 */
final class GeneratedJet {

    /** Most charged particles (tracks) kept per jet; further ones are dropped. */
    static final int MAX_TRACKS = 256;
    /** Most neutral particles kept per jet; further ones are dropped. */
    static final int MAX_NEUTRALS = 256;
    /** Most hadron decay vertices kept per jet (also the most reconstructed secondary vertices). */
    static final int MAX_HADRONS = 16;

    /** Origin of a track: fragmentation of the jet at the primary vertex. */
    static final int FRAGMENTATION = 0;
    /** Origin of a track, or kind of a hadron: a b-hadron decay (with the X system of B → D + X). */
    static final int FROM_B = 1;
    /** Origin of a track, or kind of a hadron: a c-hadron decay (prompt c or the cascade of a b). */
    static final int FROM_D = 2;
    /** Origin of a track, or kind of a hadron: a K0s-like decay near the primary vertex. */
    static final int FROM_V0 = 3;
    /** Origin of a track: a pile-up interaction, displaced along z. */
    static final int PILEUP = 4;

    /** Charged-pion mass (GeV), the mass every track is given when tracks are summed. */
    static final double PION_MASS = 0.13957;

    // ---- the jet ----
    /** The detailed truth flag (columns 19–30). */
    TruthFlag flag;
    /** The truth flag under the isPhys definitions (columns 31–42). */
    TruthFlag physFlag;
    /** True jet pT (GeV). */
    double pt;
    /** Jet pseudorapidity. */
    double eta;
    /** Jet azimuth (rad). */
    double phi;
    /** Unit-pT direction of the jet axis: (cos φ / cosh η, sin φ / cosh η, tanh η), a unit vector. */
    double axisX;
    /** See {@link #axisX}. */
    double axisY;
    /** See {@link #axisX}. */
    double axisZ;
    /** Number of primary vertices (pile-up), column {@code npv}. */
    int primaryVertices;

    // ---- charged particles, one track each ----
    /** Number of tracks. */
    int tracks;
    /** Track pT (GeV), with the tracker's momentum resolution already applied (see {@link JetGenerator}). */
    final double[] trackPt = new double[MAX_TRACKS];
    /** Track pseudorapidity. */
    final double[] trackEta = new double[MAX_TRACKS];
    /** Track azimuth (rad). */
    final double[] trackPhi = new double[MAX_TRACKS];
    /** Track momentum, x component (GeV). */
    final double[] px = new double[MAX_TRACKS];
    /** Track momentum, y component (GeV). */
    final double[] py = new double[MAX_TRACKS];
    /** Track momentum, z component (GeV). */
    final double[] pz = new double[MAX_TRACKS];
    /** Production point, x (cm): the origin for prompt tracks, the decay vertex for decay products. */
    final double[] originX = new double[MAX_TRACKS];
    /** Production point, y (cm). */
    final double[] originY = new double[MAX_TRACKS];
    /** Production point, z (cm). */
    final double[] originZ = new double[MAX_TRACKS];
    /** Electric charge, +1 or -1. */
    final int[] charge = new int[MAX_TRACKS];
    /** Origin: {@link #FRAGMENTATION}, {@link #FROM_B}, {@link #FROM_D}, {@link #FROM_V0} or {@link #PILEUP}. */
    final int[] source = new int[MAX_TRACKS];
    /** Index of the hadron whose decay made the track, -1 for fragmentation and pile-up. */
    final int[] hadron = new int[MAX_TRACKS];
    /** Whether the track is the charged lepton of a semileptonic decay. */
    final boolean[] lepton = new boolean[MAX_TRACKS];

    // ---- neutral particles ----
    /** Number of neutral particles. */
    int neutrals;
    /** Neutral pT (GeV). */
    final double[] neutralPt = new double[MAX_NEUTRALS];
    /** Neutral pseudorapidity. */
    final double[] neutralEta = new double[MAX_NEUTRALS];
    /** Neutral azimuth (rad). */
    final double[] neutralPhi = new double[MAX_NEUTRALS];
    /** Whether the neutral is a photon (otherwise a neutral hadron). */
    final boolean[] photon = new boolean[MAX_NEUTRALS];

    // ---- hadron decay vertices ----
    /** Number of hadron decays. */
    int hadrons;
    /** Decay vertex, x (cm). */
    final double[] hadronX = new double[MAX_HADRONS];
    /** Decay vertex, y (cm). */
    final double[] hadronY = new double[MAX_HADRONS];
    /** Decay vertex, z (cm). */
    final double[] hadronZ = new double[MAX_HADRONS];
    /** Kind: {@link #FROM_B}, {@link #FROM_D} or {@link #FROM_V0}; a b hadron is followed by its cascade c. */
    final int[] hadronKind = new int[MAX_HADRONS];

    /** Starts a new jet: forgets every particle and hadron. */
    void clear() {
        tracks = 0;
        neutrals = 0;
        hadrons = 0;
    }

    /**
     * The energy of a track taken as a charged pion (GeV).
     *
     * @param t the track index
     * @return √(p² + m_π²)
     */
    double pionEnergy(int t) {
        return Math.sqrt(px[t] * px[t] + py[t] * py[t] + pz[t] * pz[t] + PION_MASS * PION_MASS);
    }
}
