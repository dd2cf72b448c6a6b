/**
 * The synthetic CMS-like jet sample: {@link dev.btag.data.synthetic.SyntheticSample} simulates jets with the
 * tutorial's exact layout (a physics-motivated toy, not CMS data; docs/synthetic.md says what it models) and writes
 * them as {@code .npz} files marked synthetic.
 */
package dev.btag.data.synthetic;
