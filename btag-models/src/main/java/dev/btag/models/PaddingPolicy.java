package dev.btag.models;

/**
 * What a recurrent branch does with the padded object slots of a collection (slots whose variables are all zero: the
 * files pad each jet's objects with zeros up to the collection's capacity, and standardisation keeps padding at zero).
 *
 * <p>The policy matters because the branch summarises a jet by the recurrent cell's output after one object. With
 * {@link #KEEP} that is the last slot, so the cell also runs over every padded slot after the real objects and a
 * padded slot placed between real objects changes the summary. With {@link #MASK} the real objects are moved to the
 * front (keeping their order, or sorted by the branch's sort variable) and the summary is the output after the last
 * real object: padded slots, wherever they sit, cannot change the output, and a jet without real objects gives a zero
 * summary. docs/models.md measures both.
 */
public enum PaddingPolicy {
    /** Padded slots are moved behind the real objects and the summary is taken after the last real object. */
    MASK,
    /** The cell runs over every slot as stored and the summary is its output at the last slot (the LSTM's way). */
    KEEP
}
