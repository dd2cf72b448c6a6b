package dev.btag.data.weight;

/**
 * What reweighting to a reference class does with a jet that sits in a bin where the reference class has no weight
 * (for example a light jet at |η| above 2 when the sample has no b jet there): no weight can make its class match the
 * reference in that bin except zero. With a flat target every bin a class populates is a target bin, so this policy
 * never applies there.
 *
 * <p>The opposite case, a bin the reference populates but a class does not, cannot be repaired by weights at all:
 * the class's weighted histogram stays 0 there whatever the policy (reweighting matches every bin the class
 * populates).
 */
public enum EmptyBinPolicy {
    /**
     * The jet gets weight 0: it leaves training, and its class's weighted histogram equals the reference's (0) in that
     * bin too. DeepJetCore's weighter behaves this way (its weight is the ratio of the reference histogram, 0, to the
     * class's). The default.
     */
    ZERO,
    /**
     * The jet keeps a kinematic factor of 1: it trains unweighted, and its class's weighted histogram keeps its own
     * content in that bin (it no longer equals the reference there).
     */
    ONE,
    /** Reweighting fails with an {@link IllegalArgumentException} naming the class and the first such bin. */
    FAIL
}
