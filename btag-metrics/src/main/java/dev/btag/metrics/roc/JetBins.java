package dev.btag.metrics.roc;

import dev.btag.metrics.binning.BinnedVariable;
import java.util.List;

/**
 * Several binned variables of the same jets (for example jet p<sub>T</sub> and |&eta;|) with each jet's bins packed
 * into one code, computed once so that several {@link RocScan}s (one per flavour comparison) can share it. This
 * class is immutable.
 */
public final class JetBins {

    /** The largest number of combined bin cells the code may take. */
    private static final int MAX_CELLS = 1 << 24;

    private final List<BinnedVariable> variables;
    private final int jets;
    private final int cells;
    private final int[][] slotOfCell;
    private final int[] cellOfJet;

    private JetBins(List<BinnedVariable> variables, int jets, int cells, int[][] slotOfCell, int[] cellOfJet) {
        this.variables = variables;
        this.jets = jets;
        this.cells = cells;
        this.slotOfCell = slotOfCell;
        this.cellOfJet = cellOfJet;
    }

    /**
     * Packs the bins of every jet.
     *
     * @param variables the binned variables, all of the same N jets (may be empty)
     * @param jets N, the number of jets (needed when there is no variable)
     * @return the packed bins
     * @throws IllegalArgumentException if a variable has a different number of jets or the variables have too many
     *     bins together (more than 2^24 combinations)
     */
    public static JetBins of(List<BinnedVariable> variables, int jets) {
        List<BinnedVariable> vars = List.copyOf(variables);
        int v = vars.size();
        int[] stride = new int[v];
        long cells = 1;
        for (int k = 0; k < v; k++) {
            BinnedVariable variable = vars.get(k);
            if (variable.size() != jets) {
                throw new IllegalArgumentException("binned variable '" + variable.name() + "' has "
                    + variable.size() + " jets, the scores " + jets);
            }
            stride[k] = (int) cells;
            cells *= variable.binning().bins() + 2L; // slots -1 ... bins
            if (cells > MAX_CELLS) {
                throw new IllegalArgumentException("the binned variables have more than " + MAX_CELLS
                    + " combined bins");
            }
        }
        int[][] slotOfCell = new int[v][(int) cells];
        for (int k = 0; k < v; k++) {
            int size = vars.get(k).binning().bins() + 2;
            for (int c = 0; c < cells; c++) {
                slotOfCell[k][c] = (c / stride[k]) % size - 1;
            }
        }
        int[] cellOfJet = new int[v == 0 ? 0 : jets];
        for (int k = 0; k < v; k++) {
            BinnedVariable variable = vars.get(k);
            int s = stride[k];
            for (int i = 0; i < jets; i++) {
                cellOfJet[i] += (variable.slot(i) + 1) * s;
            }
        }
        return new JetBins(vars, jets, (int) cells, slotOfCell, cellOfJet);
    }

    /**
     * The variables.
     *
     * @return the variables, in the order given
     */
    public List<BinnedVariable> variables() {
        return variables;
    }

    /**
     * The number of jets.
     *
     * @return N
     */
    public int jets() {
        return jets;
    }

    /** The number of distinct codes. */
    int cells() {
        return cells;
    }

    /** The code of a jet. */
    int cell(int jet) {
        return cellOfJet.length == 0 ? 0 : cellOfJet[jet];
    }

    /** Per variable, the slot of each code (-1 for jets in no bin). */
    int[][] slotOfCell() {
        return slotOfCell;
    }
}
