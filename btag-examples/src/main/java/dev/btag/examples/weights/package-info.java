/**
 * What per-jet weights change: {@link dev.btag.examples.weights.ReweightingComparison} trains one tagger with and
 * without pT/|η| reweighting to the b class and compares their ROC curves and efficiencies versus pT.
 */
package dev.btag.examples.weights;
