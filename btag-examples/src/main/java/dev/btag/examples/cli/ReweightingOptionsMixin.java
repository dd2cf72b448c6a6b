package dev.btag.examples.cli;

import dev.btag.data.weight.BinAxis;
import dev.btag.data.weight.EmptyBinPolicy;
import dev.btag.data.weight.KinematicReweighter;
import dev.btag.data.weight.KinematicVariable;
import dev.btag.data.weight.ReweightTarget;
import dev.btag.data.weight.WeightInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The kinematic reweighting settings shared by {@code btag reweight} and {@code btag train}: variables, bin edges,
 * cap and empty-bin policy (the target is each command's own option). Defaults are DeepJet's.
 */
final class ReweightingOptionsMixin {

    @Option(names = "--vars", defaultValue = "pt,abseta", paramLabel = "V,V",
        description = "Reweighting variables, comma-separated: pt, abseta, eta (default: ${DEFAULT-VALUE}).")
    String vars;

    @Option(names = "--edges", paramLabel = "VAR=E,E,...",
        description = "Bin edges of a variable, for example abseta=0,1.3,2.5 (repeatable; default: DeepJet's pT"
            + " edges 10,25,...,600,2000 GeV and |eta| 0,0.5,...,2.5). Jets outside go to the nearest edge bin.")
    List<String> edges = new ArrayList<>();

    @Option(names = "--max-weight", paramLabel = "W",
        description = "Cap on the kinematic weight factor (default: none).")
    Double maxWeight;

    @Option(names = "--empty-bins", defaultValue = "zero", paramLabel = "POLICY",
        description = "Jets in bins the target class lacks: zero (weight 0, DeepJetCore's behaviour), one (keep"
            + " weight 1) or fail (default: ${DEFAULT-VALUE}).")
    String emptyBins;

    /**
     * The reweighter for a target.
     *
     * @param target {@code flat} or a class name
     * @return the reweighter
     * @throws IllegalArgumentException for a bad setting (the message names it)
     */
    KinematicReweighter reweighter(String target) {
        return reweighter(target, WeightInputs.TUTORIAL_CLASSES);
    }

    /**
     * The reweighter for a target among some classes.
     *
     * @param target {@code flat} or a class name
     * @param classNames the classes of the inputs (a layout's, or the tutorial's six)
     * @return the reweighter
     * @throws IllegalArgumentException for a bad setting (the message names it)
     */
    KinematicReweighter reweighter(String target, List<String> classNames) {
        List<KinematicVariable> variables = KinematicVariable.parseList(vars);
        Map<String, BinAxis> custom = new LinkedHashMap<>();
        for (String e : edges) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--edges '" + e + "' must look like VAR=E,E,...");
            }
            String name = KinematicVariable.parse(e.substring(0, eq)).key();
            custom.put(name, BinAxis.parse(name, e.substring(eq + 1)));
        }
        List<BinAxis> axes = new ArrayList<>();
        for (KinematicVariable v : variables) {
            axes.add(custom.getOrDefault(v.key(), v.defaultAxis()));
            custom.remove(v.key());
        }
        if (!custom.isEmpty()) {
            throw new IllegalArgumentException("--edges given for " + custom.keySet() + ", which --vars " + vars
                + " does not use");
        }
        KinematicReweighter.Builder b = KinematicReweighter.builder().optAxes(axes)
            .optTarget(ReweightTarget.parse(target, classNames))
            .optEmptyBins(policy());
        if (maxWeight != null) {
            b.optMaxWeight(maxWeight);
        }
        return b.build();
    }

    /**
     * The variables to read.
     *
     * @return the parsed {@code --vars}
     */
    List<KinematicVariable> variables() {
        return KinematicVariable.parseList(vars);
    }

    private EmptyBinPolicy policy() {
        try {
            return EmptyBinPolicy.valueOf(emptyBins.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--empty-bins '" + emptyBins + "' is not zero, one or fail", e);
        }
    }
}
