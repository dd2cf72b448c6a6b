package dev.btag.data.synthetic;

import static dev.btag.data.synthetic.GeneratedJet.MAX_HADRONS;
import static dev.btag.data.synthetic.GeneratedJet.MAX_TRACKS;

import dev.btag.data.schema.JetArray;

/**
 * What the detector makes of a {@link GeneratedJet}, as {@link JetReconstruction} leaves it: the measured impact
 * parameters and quality of every track, the CSV track selection, the secondary vertices, the jet-level CSV
 * quantities, the seeds and the pair variables of the seeds. {@link LayoutEncoder} writes the tutorial's arrays from
 * this record and the generated one; it draws no random numbers, so everything measured is decided here.
 *
 * <p>Units: lengths in cm, momenta and masses in GeV, significances in units of the measurement's uncertainty.
 * Impact parameters carry the lifetime sign (+ when the track meets the jet axis downstream of the primary vertex);
 * the 3D ones take the sign of the 2D one. Per-track arrays are indexed like the generated jet's tracks.
 *
 * <p>A mutable scratch record, reused for every jet a thread simulates; not thread-safe. Only
 * {@link JetReconstruction} writes it.
 */
final class ReconstructedJet {

    /** Number of variables of a reconstructed secondary vertex (the columns of {@code arr_4}). */
    static final int VERTEX_VARIABLES = 12;
    /** Seeds whose axis and partner variables are measured: the 10 that {@code arr_1} keeps. */
    static final int SEEDS_MEASURED = JetArray.SEEDING_TRACKS.capacity();
    /** Seeds whose DeepVertex neighbours are found: the 10 that {@code arr_5} keeps. */
    static final int DEEP_VERTEX_SEEDS = JetArray.DEEP_VERTEX_INPUTS.capacity();
    /** Neighbours kept per seed for the DeepVertex input: the 20 nearest tracks. */
    static final int NEIGHBOURS = JetArray.DEEP_VERTEX_NEIGHBOURS;

    // ---- per track ----
    /** Signed transverse impact parameter d0 (cm). */
    final double[] ip2d = new double[MAX_TRACKS];
    /** d0 over its uncertainty. */
    final double[] sig2d = new double[MAX_TRACKS];
    /** Signed 3D impact parameter, √(d0² + (dz sin θ)²) (cm). */
    final double[] ip3d = new double[MAX_TRACKS];
    /** 3D impact-parameter significance. */
    final double[] sig3d = new double[MAX_TRACKS];
    /** Transverse impact-parameter resolution (cm). */
    final double[] sigmaXy = new double[MAX_TRACKS];
    /** Measured longitudinal impact parameter dz (cm). */
    final double[] dz = new double[MAX_TRACKS];
    /** Track fit χ²/ndf. */
    final double[] chi2 = new double[MAX_TRACKS];
    /** Pixel hits, 1 to 4. */
    final int[] pixelHits = new int[MAX_TRACKS];
    /** Whether the track passes the CSV track selection. */
    final boolean[] selected = new boolean[MAX_TRACKS];
    /** Whether the track belongs to a reconstructed secondary vertex. */
    final boolean[] inVertex = new boolean[MAX_TRACKS];

    // ---- secondary vertices ----
    /** Number of reconstructed secondary vertices. */
    int vertices;
    /**
     * The vertices' variables, in order of reconstruction: 0 pT (GeV), 1 Δη and 2 Δφ of the vertex momentum to the jet,
     * 3 mass (GeV, pions), 4 tracks, 5 χ², 6 χ²/ndf, 7 signed dxy (cm), 8 its significance, 9 signed d3d (cm),
     * 10 its significance, 11 cosine of the angle between flight direction and momentum.
     */
    final float[][] vertex = new float[MAX_HADRONS][VERTEX_VARIABLES];
    /** Signed transverse flight significance of each vertex, the key of {@link #vertexOrder}. */
    final double[] vertexSignificance = new double[MAX_HADRONS];
    /** Vertex indices by decreasing flight significance. */
    final int[] vertexOrder = new int[MAX_HADRONS];

    // ---- the jet ----
    /** pT of the sum of the constituents, pile-up tracks left out (GeV). */
    double measuredPt;
    /** Mass of the sum of the constituents (GeV). */
    double mass;
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

    // ---- seeds ----
    /** Number of seeds. */
    int seedCount;
    /** Seed track indices by decreasing 3D IP significance; the first {@link #seedCount} are valid. */
    final int[] seeds = new int[MAX_TRACKS];
    /** Per measured seed: distance of closest approach to the jet axis (cm, smeared). */
    final double[] axisDistance = new double[SEEDS_MEASURED];
    /** Per measured seed: position of that closest approach along the jet axis (cm, smeared). */
    final double[] axisFlight = new double[SEEDS_MEASURED];
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

    /** Starts a new jet: forgets the vertices (everything else is overwritten for the jet's tracks). */
    void clear() {
        vertices = 0;
    }
}
