/**
 * The layout of a jet ntuple: how btag reads a file it did not write. A {@link dev.btag.data.layout.Layout} (YAML;
 * JSON is valid YAML) names the per-jet table and the tagger's features, the class label (an integer field mapped to
 * classes, or one-hot columns), the b/c/light groups of the discriminants, an optional weight and kinematic fields,
 * and any number of per-jet object collections. {@link dev.btag.data.layout.Layout#tutorial()} is the built-in layout
 * of the tutorial's files. {@code docs/data-format.md} documents every key.
 */
package dev.btag.data.layout;
