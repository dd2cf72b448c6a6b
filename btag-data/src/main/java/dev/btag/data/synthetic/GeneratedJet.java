package dev.btag.data.synthetic;

import dev.btag.data.schema.TruthFlag;

/**
 * The particle-level record of one simulated jet, as {@link JetGenerator} leaves it: the truth flavour, the parton's
 * direction and pT, every final-state particle that could reach the detector (with its production point) and the
 * decays of the heavy hadrons and of the K0s/Λ. Neutrinos are not kept. {@link JetReconstruction} reads it to build
 * what a detector records; no truth from here reaches the arrays except through that measurement and the truth
 * columns.
 *
 * <p>Units: momenta and energies in GeV, lengths in cm, angles in radians; the primary vertex is at the origin and the
 * beam along z. Per-particle values are parallel arrays indexed by the particle's number, valid below
 * {@link #particles}; per-decay values are valid below {@link #hadrons}.
 *
 * <p>A mutable scratch record, reused for every jet a thread simulates ({@link #clear()} starts a new jet); not
 * thread-safe. The fields are package-private so that the stages read them without copying; only the generator
 * writes them.
 */
final class GeneratedJet {

    /** Most particles kept per jet; further ones are dropped. */
    static final int MAX_PARTICLES = 384;
    /** Most decays (heavy hadrons, K0s, Λ) recorded per jet. */
    static final int MAX_HADRONS = 32;

    /** Origin of a particle: fragmentation of the parton at the primary vertex. */
    static final int FRAGMENTATION = 0;
    /** Origin of a particle, or kind of a decay: a b-hadron decay. */
    static final int FROM_B = 1;
    /** Origin of a particle, or kind of a decay: a c-hadron decay (prompt c or the cascade of a b). */
    static final int FROM_D = 2;
    /** Origin of a particle, or kind of a decay: a K0s or Λ decay. */
    static final int FROM_V0 = 3;
    /** Origin of a particle: a pile-up interaction (neutral particles only: charged ones are removed, as CHS does). */
    static final int PILEUP = 4;
    /** Origin of a track: a photon conversion or nuclear interaction in the detector material (reconstruction). */
    static final int MATERIAL = 5;

    // ---- the jet ----
    /** The detailed truth flag (columns 19–30). */
    TruthFlag flag;
    /** The truth flag under the isPhys definitions (columns 31–42). */
    TruthFlag physFlag;
    /** Whether the jet fragments as a gluon (gluon, g → bb̄, g → cc̄ and undefined jets). */
    boolean gluonLike;
    /** The parton's pT (GeV), before fragmentation, cone and detector losses. */
    double pt;
    /** The parton's pseudorapidity. */
    double eta;
    /** The parton's azimuth (rad). */
    double phi;
    /** Number of primary vertices (pile-up), column {@code npv}. */
    int primaryVertices;

    // ---- final-state particles ----
    /** Number of particles. */
    int particles;
    /** Momentum, x (GeV). */
    final double[] px = new double[MAX_PARTICLES];
    /** Momentum, y (GeV). */
    final double[] py = new double[MAX_PARTICLES];
    /** Momentum, z (GeV). */
    final double[] pz = new double[MAX_PARTICLES];
    /** Energy (GeV). */
    final double[] energy = new double[MAX_PARTICLES];
    /** Production point, x (cm): the origin for prompt particles, the decay vertex for decay products. */
    final double[] originX = new double[MAX_PARTICLES];
    /** Production point, y (cm). */
    final double[] originY = new double[MAX_PARTICLES];
    /** Production point, z (cm). */
    final double[] originZ = new double[MAX_PARTICLES];
    /** Species. */
    final Species[] species = new Species[MAX_PARTICLES];
    /** Electric charge: -1, 0 or +1. */
    final int[] charge = new int[MAX_PARTICLES];
    /** Origin: {@link #FRAGMENTATION}, {@link #FROM_B}, {@link #FROM_D}, {@link #FROM_V0} or {@link #PILEUP}. */
    final int[] source = new int[MAX_PARTICLES];
    /** Index of the decay that made the particle, -1 for fragmentation and pile-up. */
    final int[] hadron = new int[MAX_PARTICLES];
    /** Whether the particle is the charged lepton of a semileptonic b or c decay (truth, never an input). */
    final boolean[] lepton = new boolean[MAX_PARTICLES];

    // ---- decays ----
    /** Number of recorded decays. */
    int hadrons;
    /** Species of the decaying hadron. */
    final Species[] hadronSpecies = new Species[MAX_HADRONS];
    /** Kind: {@link #FROM_B}, {@link #FROM_D} or {@link #FROM_V0}. */
    final int[] hadronKind = new int[MAX_HADRONS];
    /** Decay vertex, x (cm). */
    final double[] hadronX = new double[MAX_HADRONS];
    /** Decay vertex, y (cm). */
    final double[] hadronY = new double[MAX_HADRONS];
    /** Decay vertex, z (cm). */
    final double[] hadronZ = new double[MAX_HADRONS];
    /** Momentum of the hadron (GeV). */
    final double[] hadronP = new double[MAX_HADRONS];
    /** The share x of its quark's energy ({@code E_hadron / E_quark}) of a leading heavy hadron, else 0. */
    final double[] hadronX0 = new double[MAX_HADRONS];

    /** Starts a new jet: forgets every particle and decay. */
    void clear() {
        particles = 0;
        hadrons = 0;
    }

    /**
     * Adds a particle.
     *
     * @param s its species
     * @param e energy
     * @param x momentum, x
     * @param y momentum, y
     * @param z momentum, z
     * @param ox production point, x
     * @param oy production point, y
     * @param oz production point, z
     * @param q charge
     * @param origin its origin code
     * @param decay the decay that made it, or -1
     * @param isLepton whether it is the lepton of a semileptonic heavy-flavour decay
     */
    void addParticle(Species s, double e, double x, double y, double z, double ox, double oy, double oz, int q,
                     int origin, int decay, boolean isLepton) {
        if (particles >= MAX_PARTICLES) {
            return;
        }
        int i = particles++;
        species[i] = s;
        energy[i] = e;
        px[i] = x;
        py[i] = y;
        pz[i] = z;
        originX[i] = ox;
        originY[i] = oy;
        originZ[i] = oz;
        charge[i] = q;
        source[i] = origin;
        hadron[i] = decay;
        lepton[i] = isLepton;
    }

    /**
     * Records a decay.
     *
     * @param s the decaying species
     * @param kind {@link #FROM_B}, {@link #FROM_D} or {@link #FROM_V0}
     * @param x decay vertex, x
     * @param y decay vertex, y
     * @param z decay vertex, z
     * @param p the hadron's momentum
     * @return its index, or -1 when the record is full
     */
    int addHadron(Species s, int kind, double x, double y, double z, double p) {
        if (hadrons >= MAX_HADRONS) {
            return -1;
        }
        int h = hadrons++;
        hadronSpecies[h] = s;
        hadronKind[h] = kind;
        hadronX[h] = x;
        hadronY[h] = y;
        hadronZ[h] = z;
        hadronP[h] = p;
        hadronX0[h] = 0;
        return h;
    }
}
