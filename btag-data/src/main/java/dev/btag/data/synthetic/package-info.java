/**
 * The synthetic CMS-like jet sample: {@link dev.btag.data.synthetic.SyntheticSample} simulates jets with the
 * tutorial's exact layout (a physics-motivated toy, not CMS data; docs/synthetic.md says what it models) and writes
 * them as {@code .npz} files marked synthetic.
 *
 * <p>Inside, each jet passes three package-private stages: generation (the physics truth: flavour, kinematics,
 * hadron decays, fragmentation, pile-up), reconstruction (tracks, vertices and jet-level variables as a detector
 * would measure them) and layout encoding (which variable goes into which slot of {@code arr_0} … {@code arr_5};
 * it draws no random numbers). For a given seed the files are byte-identical whatever the thread count.
 */
package dev.btag.data.synthetic;
