package dev.btag.metrics.roc;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.binning.Overflow;
import java.util.List;
import java.util.Objects;

/**
 * The ROC performance in each bin of one variable, for example the AUC per jet-pT bin. This record is immutable.
 *
 * @param variable the variable's name, for example {@code "pt"}
 * @param binning its bins
 * @param overflow whether jets at or above the last edge were left out or counted in the last bin
 * @param bins one entry per bin, in bin order
 */
public record BinnedRoc(String variable, Binning binning, Overflow overflow, List<RocBin> bins) {

    /**
     * Copies the list and checks it has one entry per bin.
     *
     * @param variable the name
     * @param binning the bins
     * @param overflow the overflow policy
     * @param bins the per-bin results
     * @throws IllegalArgumentException if the number of entries differs from the number of bins
     */
    public BinnedRoc {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(binning, "binning");
        Objects.requireNonNull(overflow, "overflow");
        bins = List.copyOf(bins);
        if (bins.size() != binning.bins()) {
            throw new IllegalArgumentException(bins.size() + " results for " + binning.bins() + " bins");
        }
    }

    /**
     * The AUC of every bin.
     *
     * @return one value per bin, NaN where a bin lacks a class
     */
    public double[] auc() {
        return bins.stream().mapToDouble(b -> b.auc().auc()).toArray();
    }

    /**
     * DeLong's standard error of every bin's AUC.
     *
     * @return one value per bin, NaN where undefined
     */
    public double[] aucError() {
        return bins.stream().mapToDouble(b -> b.auc().standardError()).toArray();
    }
}
