/**
 * The saved-tagger format ({@link dev.btag.models.io.TaggerFile}): one self-describing zip with the architecture,
 * hyper-parameters, feature set, standardisation constants, training history, format and btag versions, and the
 * parameters; written atomically, checked when loaded.
 */
package dev.btag.models.io;
