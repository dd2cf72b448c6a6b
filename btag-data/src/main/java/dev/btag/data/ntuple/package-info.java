/**
 * Jet ntuples read through a layout: {@link dev.btag.data.ntuple.JetFile} opens an npz or HDF5 file with a
 * {@link dev.btag.data.layout.Layout}, checks that the file holds what the layout declares (every disagreement is a
 * {@link dev.btag.data.ntuple.LayoutMismatchException} naming the file and the layout key) and reads features,
 * object collections, labels, weights and kinematics by row range; {@link dev.btag.data.ntuple.LayoutReport} is what
 * {@code btag inspect --layout} prints.
 */
package dev.btag.data.ntuple;
