package dev.btag.data.synthetic;

import dev.btag.data.schema.JetArray;

/**
 * What the detector makes of a {@link GeneratedJet}, as {@link JetReconstruction} leaves it: the particle-flow
 * candidates of the clustered jet (tracks and neutral candidates within ΔR 0.4 of its axis), each track's measured
 * impact parameters, quality and associations, the secondary vertices, the jet-level CSV quantities, the seeds with
 * their pair variables and the DeepVertex neighbours. {@link LayoutEncoder} writes the tutorial's arrays from this
 * record alone (plus the truth flags); it draws no random numbers, so everything measured is decided here.
 *
 * <p>Units: lengths in cm, momenta and masses in GeV, significances in units of the measurement's uncertainty.
 * Impact parameters carry the lifetime sign (+ when the point of closest approach lies downstream along the jet axis);
 * the 3D ones take the sign of the 2D one. A track is a straight line from its true production point along its
 * measured momentum; the effect of the magnetic field enters only its impact parameter.
 *
 * <p>A mutable scratch record, reused for every jet a thread simulates; not thread-safe. Only the reconstruction
 * writes it.
 */
final class ReconstructedJet {

    /** Most tracks (charged candidates) per jet, before and after clustering. */
    static final int MAX_TRACKS = 320;
    /** Most neutral candidates per jet. */
    static final int MAX_NEUTRALS = 320;
    /** Most secondary vertices per jet. */
    static final int MAX_VERTICES = 16;
    /** Number of DeepJet variables of a secondary vertex (the columns of {@code arr_4}). */
    static final int VERTEX_VARIABLES = 12;
    /** Seeds whose axis and partner variables are measured: the 10 that {@code arr_1} keeps. */
    static final int SEEDS_MEASURED = JetArray.SEEDING_TRACKS.capacity();
    /** Seeds whose DeepVertex neighbours are found: the 10 that {@code arr_5} keeps. */
    static final int DEEP_VERTEX_SEEDS = JetArray.DEEP_VERTEX_INPUTS.capacity();
    /** Neighbours kept per seed for the DeepVertex input: the 20 nearest tracks. */
    static final int NEIGHBOURS = JetArray.DEEP_VERTEX_NEIGHBOURS;

    // ---- tracks ----
    /** Number of tracks. */
    int tracks;
    /** Measured momentum, x (GeV). */
    final double[] px = new double[MAX_TRACKS];
    /** Measured momentum, y. */
    final double[] py = new double[MAX_TRACKS];
    /** Measured momentum, z. */
    final double[] pz = new double[MAX_TRACKS];
    /** Measured pT. */
    final double[] pt = new double[MAX_TRACKS];
    /** Pseudorapidity. */
    final double[] eta = new double[MAX_TRACKS];
    /** Azimuth (rad). */
    final double[] phi = new double[MAX_TRACKS];
    /** True production point, x (cm): where the track's line starts. */
    final double[] originX = new double[MAX_TRACKS];
    /** True production point, y (cm). */
    final double[] originY = new double[MAX_TRACKS];
    /** True production point, z (cm). */
    final double[] originZ = new double[MAX_TRACKS];
    /** Charge, +1 or -1. */
    final int[] charge = new int[MAX_TRACKS];
    /** Species of the particle that made the track (truth: for the lepton identification and tests only). */
    final Species[] species = new Species[MAX_TRACKS];
    /** Origin code of {@link GeneratedJet} (truth, for tests only). */
    final int[] source = new int[MAX_TRACKS];
    /**
     * Whether the track is a charged particle-flow candidate (false for the legs of a conversion and the
     * secondaries of a nuclear interaction that particle flow identified: tracks the vertex finder still uses).
     */
    final boolean[] pfCandidate = new boolean[MAX_TRACKS];
    /** Pixel hits, 0 to 3. */
    final int[] pixelHits = new int[MAX_TRACKS];
    /** Track fit χ²/ndf. */
    final double[] chi2 = new double[MAX_TRACKS];
    /** Track quality mask: 1 loose, 2 tight, 4 high purity (7 = all three). */
    final int[] quality = new int[MAX_TRACKS];
    /** Whether a single hard scatter widened the track's multiple-scattering error. */
    final boolean[] hardScatter = new boolean[MAX_TRACKS];
    /** Signed transverse impact parameter d0 (cm). */
    final double[] ip2d = new double[MAX_TRACKS];
    /** d0 over its uncertainty. */
    final double[] sig2d = new double[MAX_TRACKS];
    /** Signed 3D impact parameter (cm). */
    final double[] ip3d = new double[MAX_TRACKS];
    /** 3D impact-parameter significance. */
    final double[] sig3d = new double[MAX_TRACKS];
    /** Transverse impact-parameter resolution (cm). */
    final double[] sigmaXy = new double[MAX_TRACKS];
    /** Longitudinal impact-parameter resolution (cm). */
    final double[] sigmaZ = new double[MAX_TRACKS];
    /** Measured longitudinal impact parameter dz (cm). */
    final double[] dz = new double[MAX_TRACKS];
    /** Distance of closest approach to the jet axis (cm, measured). */
    final double[] axisDistance = new double[MAX_TRACKS];
    /** Position of that closest approach along the jet axis, the "decay length" (cm, measured). */
    final double[] decayLength = new double[MAX_TRACKS];
    /** Whether the track passes the CSV track selection. */
    final boolean[] selected = new boolean[MAX_TRACKS];
    /** Whether the track belongs to a reconstructed secondary vertex. */
    final boolean[] inVertex = new boolean[MAX_TRACKS];
    /** Primary-vertex association quality, as MiniAOD's {@code pvAssociationQuality} (0, 1, 4, 5, 6, 7). */
    final int[] vertexAssociation = new int[MAX_TRACKS];
    /** Whether the lepton identification (muon or electron) accepts the track. */
    final boolean[] leptonId = new boolean[MAX_TRACKS];

    // ---- neutral candidates ----
    /** Number of neutral candidates. */
    int neutrals;
    /** pT (GeV). */
    final double[] neutralPt = new double[MAX_NEUTRALS];
    /** Pseudorapidity. */
    final double[] neutralEta = new double[MAX_NEUTRALS];
    /** Azimuth (rad). */
    final double[] neutralPhi = new double[MAX_NEUTRALS];
    /** Energy (GeV, massless). */
    final double[] neutralEnergy = new double[MAX_NEUTRALS];
    /** Whether particle flow calls it a photon (otherwise a neutral hadron). */
    final boolean[] photon = new boolean[MAX_NEUTRALS];
    /** Fraction of its energy in the hadron calorimeter. */
    final double[] hadronFraction = new double[MAX_NEUTRALS];
    /** PUPPI weight. */
    final double[] puppiWeight = new double[MAX_NEUTRALS];

    // ---- the jet ----
    /** Jet axis pseudorapidity (the clustered axis). */
    double jetEta;
    /** Jet axis azimuth. */
    double jetPhi;
    /** Unit vector of the jet axis, x. */
    double axisX;
    /** Unit vector of the jet axis, y. */
    double axisY;
    /** Unit vector of the jet axis, z. */
    double axisZ;
    /** pT of the sum of the constituents (GeV). */
    double jetPt;
    /** Energy of the sum of the constituents (GeV, uncorrected). */
    double jetEnergy;
    /** Mass of the sum of the constituents (GeV). */
    double jetMass;
    /** Momentum of the sum of the constituents (GeV). */
    double jetP;
    /** The jet-energy correction factor, {@code jet_corr_pt / jet_pt}. */
    double correction;
    /** Number of selected tracks ({@code jetNSelectedTracks}). */
    int selectedCount;
    /** Vector pT sum of the selected tracks over the jet pT (0 without selected tracks). */
    double trackSumEtRatio;
    /** ΔR between the selected tracks' momentum sum and the jet (0 without selected tracks). */
    double trackSumDeltaR;
    /** The track "above charm" by 2D significance, -1 when no track crosses the charm threshold. */
    int aboveCharm2d;
    /** The track "above charm" by 3D significance, -1 when none. */
    int aboveCharm3d;
    /** CSV vertex category: 0 a vertex, 1 a pseudo-vertex, 2 none. */
    int vertexCategory;
    /** {@code jetNTracksEtaRel}: tracks of the first vertex, of the pseudo-vertex, or 0. */
    int tracksEtaRel;

    // ---- secondary vertices, by decreasing transverse flight significance ----
    /** Number of secondary vertices. */
    int vertices;
    /** The vertices' DeepJet variables, in {@code arr_4} order (see {@link dev.btag.data.schema.JetArray}). */
    final float[][] vertex = new float[MAX_VERTICES][VERTEX_VARIABLES];
    /** Energy of each vertex (its tracks as pions, GeV). */
    final double[] vertexEnergy = new double[MAX_VERTICES];
    /** Pseudorapidity of each vertex's momentum. */
    final double[] vertexEta = new double[MAX_VERTICES];
    /** Azimuth of each vertex's momentum. */
    final double[] vertexPhi = new double[MAX_VERTICES];

    // ---- seeds ----
    /** Number of seeds. */
    int seedCount;
    /** Seed track indices by decreasing 3D IP significance; the first {@link #seedCount} are valid. */
    final int[] seeds = new int[MAX_TRACKS];
    /** Per measured seed: DCA to its nearest other seed (cm); meaningful with at least two seeds. */
    final double[] partnerDca = new double[SEEDS_MEASURED];
    /** Per measured seed: flight distance of the meeting point with that partner (cm, at most 5). */
    final double[] partnerFlight = new double[SEEDS_MEASURED];
    /** Per measured seed: how many other seeds meet it within 3σ away from the primary vertex. */
    final int[] compatibleSeeds = new int[SEEDS_MEASURED];

    // ---- DeepVertex neighbours of the first seeds, nearest first ----
    /** Per DeepVertex seed: how many neighbours are stored (at most {@link #NEIGHBOURS}). */
    final int[] neighbourCount = new int[DEEP_VERTEX_SEEDS];
    /** Per DeepVertex seed and rank: the neighbour's track index. */
    final int[][] neighbour = new int[DEEP_VERTEX_SEEDS][NEIGHBOURS];
    /** Per DeepVertex seed and rank: the DCA of neighbour and seed (cm, smeared). */
    final double[][] neighbourDca = new double[DEEP_VERTEX_SEEDS][NEIGHBOURS];
    /** Per DeepVertex seed and rank: the uncertainty of that DCA (cm). */
    final double[][] neighbourDcaSigma = new double[DEEP_VERTEX_SEEDS][NEIGHBOURS];
    /** Per DeepVertex seed and rank: distance of the closest-approach midpoint from the primary vertex (cm, ≥ 0). */
    final double[][] neighbourMidpoint = new double[DEEP_VERTEX_SEEDS][NEIGHBOURS];
    /** Per DeepVertex seed and rank: sine of the opening angle of neighbour and seed. */
    final double[][] neighbourSinOpening = new double[DEEP_VERTEX_SEEDS][NEIGHBOURS];

    /** Starts a new jet: forgets every candidate and vertex. */
    void clear() {
        tracks = 0;
        neutrals = 0;
        vertices = 0;
        seedCount = 0;
    }

    /**
     * Energy of a track taken as a charged pion, as vertex and CSV masses are computed.
     *
     * @param t the track
     * @return √(p² + m_π²) (GeV)
     */
    double pionEnergy(int t) {
        double m = Species.PION.mass();
        return Math.sqrt(px[t] * px[t] + py[t] * py[t] + pz[t] * pz[t] + m * m);
    }

    /**
     * Copies track {@code from} onto slot {@code to}: every per-track value.
     *
     * @param from source slot
     * @param to destination slot
     */
    void moveTrack(int from, int to) {
        px[to] = px[from];
        py[to] = py[from];
        pz[to] = pz[from];
        pt[to] = pt[from];
        eta[to] = eta[from];
        phi[to] = phi[from];
        originX[to] = originX[from];
        originY[to] = originY[from];
        originZ[to] = originZ[from];
        charge[to] = charge[from];
        species[to] = species[from];
        source[to] = source[from];
        pfCandidate[to] = pfCandidate[from];
        pixelHits[to] = pixelHits[from];
        chi2[to] = chi2[from];
        quality[to] = quality[from];
        hardScatter[to] = hardScatter[from];
        leptonId[to] = leptonId[from];
        ip2d[to] = ip2d[from];
        sig2d[to] = sig2d[from];
        ip3d[to] = ip3d[from];
        sig3d[to] = sig3d[from];
        sigmaXy[to] = sigmaXy[from];
        sigmaZ[to] = sigmaZ[from];
        dz[to] = dz[from];
        axisDistance[to] = axisDistance[from];
        decayLength[to] = decayLength[from];
        selected[to] = selected[from];
        inVertex[to] = inVertex[from];
        vertexAssociation[to] = vertexAssociation[from];
    }

    /**
     * Copies neutral candidate {@code from} onto slot {@code to} (the values set before clustering).
     *
     * @param from source slot
     * @param to destination slot
     */
    void moveNeutral(int from, int to) {
        neutralPt[to] = neutralPt[from];
        neutralEta[to] = neutralEta[from];
        neutralPhi[to] = neutralPhi[from];
        neutralEnergy[to] = neutralEnergy[from];
        photon[to] = photon[from];
        hadronFraction[to] = hadronFraction[from];
    }
}
