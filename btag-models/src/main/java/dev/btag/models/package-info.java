/**
 * The CMS b-tagging tutorial's taggers as Deep Java Library blocks: the DNN (notebook 3), the 1x1-CNN (notebook
 * 4), the LSTM (notebook 5) and the lecture's GRU, and the DeepJet-style and DeepVertex-style taggers, which read
 * one or several object collections through {@link dev.btag.models.ObjectBranch}es. Describe a tagger with
 * {@link dev.btag.models.TaggerSpec} (one builder for all; the tutorial's values are the defaults), build its block
 * with {@link dev.btag.models.TaggerSpec#newBlock()}, train it with {@code dev.btag.models.train}, save and load it
 * with {@code dev.btag.models.io} and predict with {@code dev.btag.models.predict}.
 */
package dev.btag.models;
