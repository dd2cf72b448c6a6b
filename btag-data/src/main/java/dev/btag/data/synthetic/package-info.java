/**
 * The synthetic CMS-like jet sample: {@link dev.btag.data.synthetic.SyntheticSample} simulates jets with the
 * tutorial's exact layout (a physics-motivated toy, not CMS data; docs/synthetic.md says what it models and how close
 * it comes to CMS) and writes them as {@code .npz} files marked synthetic.
 *
 * <p>Inside, each jet passes three package-private stages: generation (the physics truth: flavour, parton
 * kinematics, b and c hadron species with their fragmentation, lifetimes and decays, K0s and Λ, flavour-independent
 * fragmentation, pile-up), reconstruction (material interactions, tracking, calorimeter, the jet clustered within
 * ΔR 0.4, impact parameters on measured track lines, primary-vertex association and CHS, an IVF-like vertex finder,
 * the CSV variables) and layout encoding (which variable goes into which slot of {@code arr_0} … {@code arr_5}, with
 * DeepJet's variables in {@code arr_2} … {@code arr_4}; it draws no random numbers and reads no truth but the truth
 * flags). For a given seed the files are byte-identical whatever the thread count.
 */
package dev.btag.data.synthetic;
