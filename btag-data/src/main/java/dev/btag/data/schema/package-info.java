/**
 * The tutorial's data layout by name: the 52 columns of the jet table ({@link dev.btag.data.schema.JetColumn}), the
 * per-jet arrays {@code arr_1} … {@code arr_5} ({@link dev.btag.data.schema.JetArray}), feature sets, the truth
 * (detailed flags, six training classes, integer flavour codes), and {@link dev.btag.data.schema.TutorialFile},
 * which opens a file with this layout and validates it.
 *
 * <p>Units throughout: GeV for momenta and masses, cm for impact parameters and flight distances, radians for
 * angles; significances, counts and flags are dimensionless.
 */
package dev.btag.data.schema;
