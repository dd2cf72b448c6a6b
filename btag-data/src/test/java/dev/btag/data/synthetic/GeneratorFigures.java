package dev.btag.data.synthetic;

import dev.btag.data.schema.TruthFlag;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Particle-level figures of the synthetic sample for docs/synthetic.md, which the files cannot show: hadron species
 * fractions, mean momentum fractions ⟨x_b⟩ and ⟨x_c⟩, decay multiplicities, semileptonic fractions, flight
 * distances, and the simulation speed. A measurement tool in the test sources (checked by
 * {@code GeneratorFiguresTest}); it prints one JSON document.
 *
 * <pre>
 * mvn -B -ntp -o -q -pl btag-data test-compile
 * java -Xms3g -Xmx6g -cp btag-data/target/classes:btag-data/target/test-classes \
 *     dev.btag.data.synthetic.GeneratorFigures [JETS] [SEED]
 * </pre>
 */
public final class GeneratorFigures {

    private GeneratorFigures() {
    }

    /** The figures of one run. */
    static final class Figures {
        int jets;
        final int[] bSpecies = new int[Species.B_HADRONS.length];
        final int[] cSpecies = new int[Species.C_HADRONS.length];
        double sumXb;
        int countXb;
        double sumXc;
        int countXc;
        long bDecayCharged;
        int bDecays;
        long cDecayCharged;
        int cDecays;
        int bbHadrons;
        int bbSemileptonic;
        int cJetHadrons;
        int cJetSemileptonic;
        double[] bFlights = new double[1024];
        int bFlightCount;
        double[] cFlights = new double[1024];
        int cFlightCount;
        long particlesInCone;
        long particles;

        double medianB() {
            return median(bFlights, bFlightCount);
        }

        double medianC() {
            return median(cFlights, cFlightCount);
        }

        private static double median(double[] values, int n) {
            double[] copy = Arrays.copyOf(values, n);
            Arrays.sort(copy);
            return n == 0 ? Double.NaN : copy[n / 2];
        }

        void addFlight(boolean bottom, double flight) {
            if (bottom) {
                if (bFlightCount == bFlights.length) {
                    bFlights = Arrays.copyOf(bFlights, 2 * bFlights.length);
                }
                bFlights[bFlightCount++] = flight;
            } else {
                if (cFlightCount == cFlights.length) {
                    cFlights = Arrays.copyOf(cFlights, 2 * cFlights.length);
                }
                cFlights[cFlightCount++] = flight;
            }
        }
    }

    /**
     * Generates jets of file 0 of a seed (generation only, as {@link SyntheticSample} would) and collects the figures.
     *
     * @param jets how many jets
     * @param seed the sample seed
     * @return the figures
     */
    static Figures measure(int jets, long seed) {
        JetGenerator generator = new JetGenerator();
        GeneratedJet jet = new GeneratedJet();
        Figures f = new Figures();
        f.jets = jets;
        for (int i = 0; i < jets; i++) {
            generator.generate(new SplittableRandom(SyntheticSample.jetSeed(seed, 0, i)), jet);
            collect(f, jet);
        }
        return f;
    }

    private static void collect(Figures f, GeneratedJet jet) {
        boolean singleB = jet.flag == TruthFlag.B || jet.flag == TruthFlag.LEPTONIC_B
            || jet.flag == TruthFlag.LEPTONIC_B_C;
        boolean twoB = jet.flag == TruthFlag.BB || jet.flag == TruthFlag.GBB;
        for (int h = 0; h < jet.hadrons; h++) {
            Species s = jet.hadronSpecies[h];
            boolean leading = jet.hadronX0[h] > 0;
            double flight = Math.sqrt(jet.hadronX[h] * jet.hadronX[h] + jet.hadronY[h] * jet.hadronY[h]
                + jet.hadronZ[h] * jet.hadronZ[h]);
            if (jet.hadronKind[h] == GeneratedJet.FROM_B) {
                f.bSpecies[Arrays.asList(Species.B_HADRONS).indexOf(s)]++;
                f.sumXb += jet.hadronX0[h];
                f.countXb++;
                if (singleB) {
                    f.addFlight(true, flight);
                }
            } else if (jet.hadronKind[h] == GeneratedJet.FROM_D && leading) {
                f.cSpecies[Arrays.asList(Species.C_HADRONS).indexOf(s)]++;
                f.sumXc += jet.hadronX0[h];
                f.countXc++;
                if (jet.flag == TruthFlag.C) {
                    f.addFlight(false, flight);
                }
            }
        }
        int bCharged = 0;
        int cCharged = 0;
        int bLeptons = 0;
        int cLeptons = 0;
        for (int p = 0; p < jet.particles; p++) {
            boolean charged = jet.charge[p] != 0;
            if (charged && (jet.source[p] == GeneratedJet.FROM_B || jet.source[p] == GeneratedJet.FROM_D)) {
                bCharged++;
                cCharged++;
            }
            if (jet.lepton[p] && jet.source[p] == GeneratedJet.FROM_B) {
                bLeptons++;
            }
            if (jet.lepton[p] && jet.source[p] == GeneratedJet.FROM_D) {
                cLeptons++;
            }
        }
        if (singleB) {
            f.bDecayCharged += bCharged;
            f.bDecays++;
        }
        if (jet.flag == TruthFlag.C) {
            f.cDecayCharged += cCharged;
            f.cDecays++;
            f.cJetHadrons++;
            f.cJetSemileptonic += cLeptons;
        }
        if (twoB) {
            f.bbHadrons += 2;
            f.bbSemileptonic += bLeptons;
        }
    }

    /**
     * The figures as one JSON document.
     *
     * @param f the figures
     * @param jetsPerSecondOneThread simulation speed with one thread (NaN when not measured)
     * @param jetsPerSecondTwoThreads simulation speed with two threads (NaN when not measured)
     * @return JSON text
     */
    static String json(Figures f, double jetsPerSecondOneThread, double jetsPerSecondTwoThreads) {
        StringBuilder sb = new StringBuilder("{");
        sb.append(String.format(Locale.ROOT, "\"jets\":%d,", f.jets));
        sb.append("\"bHadronFractions\":{");
        int bTotal = Arrays.stream(f.bSpecies).sum();
        for (int i = 0; i < f.bSpecies.length; i++) {
            sb.append(String.format(Locale.ROOT, "%s\"%s\":%.3f", i == 0 ? "" : ",", Species.B_HADRONS[i],
                (double) f.bSpecies[i] / bTotal));
        }
        sb.append("},\"cHadronFractions\":{");
        int cTotal = Arrays.stream(f.cSpecies).sum();
        for (int i = 0; i < f.cSpecies.length; i++) {
            sb.append(String.format(Locale.ROOT, "%s\"%s\":%.3f", i == 0 ? "" : ",", Species.C_HADRONS[i],
                (double) f.cSpecies[i] / cTotal));
        }
        sb.append("},");
        sb.append(String.format(Locale.ROOT, "\"meanXb\":%.3f,\"meanXc\":%.3f,", f.sumXb / f.countXb,
            f.sumXc / f.countXc));
        sb.append(String.format(Locale.ROOT,
            "\"chargedPerBDecayChain\":%.2f,\"chargedPerCDecay\":%.2f,", (double) f.bDecayCharged / f.bDecays,
            (double) f.cDecayCharged / f.cDecays));
        sb.append(String.format(Locale.ROOT, "\"semileptonicB\":%.3f,\"semileptonicC\":%.3f,",
            (double) f.bbSemileptonic / f.bbHadrons, (double) f.cJetSemileptonic / f.cJetHadrons));
        sb.append(String.format(Locale.ROOT,
            "\"medianFlightBcm\":%.4f,\"medianFlightCcm\":%.4f,\"medianFlightRatioCoverB\":%.3f,",
            f.medianB(), f.medianC(), f.medianC() / f.medianB()));
        sb.append(String.format(Locale.ROOT, "\"jetsPerSecondOneThread\":%.0f,\"jetsPerSecondTwoThreads\":%.0f}",
            jetsPerSecondOneThread, jetsPerSecondTwoThreads));
        return sb.toString();
    }

    /** Times {@link SyntheticSample#generate} of 20,000 jets (after a warm-up), the best of three runs. */
    private static double speed(int threads) {
        SyntheticSample.generate(99, 0, 20_000, threads);
        double best = 0;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            SyntheticSample.generate(1, 0, 20_000, threads);
            best = Math.max(best, 20_000 / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    /**
     * Prints the figures.
     *
     * @param args optional jet count (default 200,000) and seed (default 1)
     */
    public static void main(String[] args) {
        int jets = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        Figures f = measure(jets, seed);
        System.out.println(json(f, speed(1), speed(2)));
    }
}
