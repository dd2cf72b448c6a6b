package dev.btag.data.synthetic;

import dev.btag.data.schema.JetArray;
import java.util.SplittableRandom;

/**
 * Simulates one synthetic jet at a time and writes it into the six arrays of the tutorial layout, in three stages
 * that each have their own class:
 * <ol>
 *   <li>generation ({@link JetGenerator} → {@link GeneratedJet}): the physics truth — flavour, kinematics, hadron
 *       decays, fragmentation, pile-up;</li>
 *   <li>reconstruction ({@link JetReconstruction} → {@link ReconstructedJet}): the tracks, vertices and jet-level
 *       quantities as a detector would measure them;</li>
 *   <li>layout encoding ({@link LayoutEncoder}): the rows of {@code arr_0} … {@code arr_5}.</li>
 * </ol>
 * The first two draw from the jet's random stream in that order; the encoder draws nothing. A jet whose
 * reconstruction falls outside the sample's acceptance (pT below {@link #MIN_PT}, |η| from {@link #MAX_ETA}) is
 * simulated again from the continuing stream, so the sample stays deterministic. docs/synthetic.md describes the
 * model; lengths are in cm, momenta in GeV.
 *
 * <p>Not thread-safe: each thread uses its own simulator (the stages keep scratch buffers); the result depends only
 * on the random stream given to {@link #simulate}, never on the thread or the order in which jets are simulated.
 */
final class JetSimulator {

    /** Lowest reconstructed jet pT (GeV) of the sample; a jet below it is simulated again, from the same stream. */
    static final double MIN_PT = 20.0;
    /** Largest reconstructed |η| of the sample (the tracker's acceptance, as DeepJet's samples). */
    static final double MAX_ETA = 2.5;
    /** Attempts before a jet outside the acceptance is kept anyway (never reached in practice). */
    private static final int MAX_ATTEMPTS = 100;

    private final JetGenerator generator = new JetGenerator();
    private final JetReconstruction reconstruction = new JetReconstruction();
    private final LayoutEncoder encoder = new LayoutEncoder();
    private final GeneratedJet generated = new GeneratedJet();
    private final ReconstructedJet reconstructed = new ReconstructedJet();

    /**
     * Simulates one jet and writes it at row {@code row} of the six arrays (rows of a block must start zeroed).
     *
     * @param rng the jet's own random stream
     * @param out the arrays, indexed by {@link JetArray#ordinal()}, each holding whole jet rows
     * @param row the jet's row index within {@code out}
     */
    void simulate(SplittableRandom rng, float[][] out, int row) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            generator.generate(rng, generated);
            reconstruction.reconstruct(rng, generated, reconstructed);
            if (reconstructed.jetPt >= MIN_PT && Math.abs(reconstructed.jetEta) < MAX_ETA) {
                break;
            }
        }
        encoder.write(generated, reconstructed, out, row);
    }
}
