/**
 * Per-jet weights for training and evaluation, over plain arrays from any source: kinematic reweighting of every
 * class to a reference class or to a flat distribution in 2-D (pT, |η|) histograms
 * ({@link dev.btag.data.weight.KinematicReweighter}, DeepJet's binning by default, with a weight cap and a named
 * {@link dev.btag.data.weight.EmptyBinPolicy}), resampling instead of weighting
 * ({@link dev.btag.data.weight.Resampler}, DeepJetCore's "remove" mode), class balancing
 * ({@link dev.btag.data.weight.ClassWeights}), the recipe that combines them ({@link dev.btag.data.weight.Weighting})
 * and the weights file ({@link dev.btag.data.weight.WeightsNpz}). The tutorial layout's variables are read by
 * {@link dev.btag.data.weight.KinematicVariable} into {@link dev.btag.data.weight.WeightInputs}; any other source
 * hands its own arrays to {@link dev.btag.data.weight.WeightInputs#of}.
 */
package dev.btag.data.weight;
