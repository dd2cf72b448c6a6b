package dev.btag.data.ntuple;

/**
 * One way a file disagrees with its layout, as {@link JetFile#check} lists them.
 *
 * @param key the layout key, for example {@code jets.features[3]}
 * @param problem what is wrong, for example {@code no field 'sv_mass' in array 'jets' (fields: pt, eta)}
 */
public record LayoutProblem(String key, String problem) {

    /**
     * The problem as one line.
     *
     * @return {@code key: problem}
     */
    @Override
    public String toString() {
        return key + ": " + problem;
    }
}
