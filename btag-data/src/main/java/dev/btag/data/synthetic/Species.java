package dev.btag.data.synthetic;

/**
 * The particle species of the synthetic sample with their masses, proper decay lengths and, for the heavy hadrons,
 * the production fractions, semileptonic branching ratios and charged-prong distributions that {@link HadronDecays}
 * uses. Values are rounded PDG 2022 figures unless stated; docs/synthetic.md lists them against their sources.
 *
 * <p>Masses in GeV, cτ in cm. Stable species (for a jet's time scale) have cτ = +∞; the π⁰ decays at once (cτ 25 nm is
 * taken as 0).
 */
enum Species {
    /** Charged pion. */
    PION(0.13957, Double.POSITIVE_INFINITY, 1),
    /** Charged kaon. */
    KAON(0.49368, Double.POSITIVE_INFINITY, 1),
    /** Proton. */
    PROTON(0.93827, Double.POSITIVE_INFINITY, 1),
    /** Electron. */
    ELECTRON(0.000511, Double.POSITIVE_INFINITY, 1),
    /** Muon (its decay, cτ = 659 m, is outside the tracker). */
    MUON(0.10566, Double.POSITIVE_INFINITY, 1),
    /** Photon. */
    PHOTON(0, Double.POSITIVE_INFINITY, 0),
    /** Neutral pion, decays at once to two photons. */
    PI0(0.13498, 0, 0),
    /** K0 short: π⁺π⁻ 69.2%, π⁰π⁰ 30.7%. */
    K0S(0.49761, 2.6844, 0),
    /** K0 long (cτ 15.3 m: stable here). */
    K0L(0.49761, Double.POSITIVE_INFINITY, 0),
    /** Neutron. */
    NEUTRON(0.93957, Double.POSITIVE_INFINITY, 0),
    /** Λ: pπ⁻ 63.9%, nπ⁰ 35.8%. */
    LAMBDA(1.11568, 7.89, 0),
    /** Neutrino (invisible). */
    NEUTRINO(0, Double.POSITIVE_INFINITY, 0),
    /** B⁰ (cτ 455 µm). */
    B0(5.27966, 0.04554, 0),
    /** B⁺ (cτ 491 µm). */
    B_PLUS(5.27934, 0.04911, 1),
    /** B_s⁰ (cτ 453 µm). */
    B_S(5.36692, 0.04530, 0),
    /** Λ_b⁰ (cτ 441 µm). */
    LAMBDA_B(5.61960, 0.04410, 0),
    /** D⁰ (cτ 123 µm). */
    D0(1.86484, 0.01229, 0),
    /** D⁺ (cτ 312 µm). */
    D_PLUS(1.86966, 0.03118, 1),
    /** D_s⁺ (cτ 151 µm). */
    D_S(1.96835, 0.01512, 1),
    /** Λ_c⁺ (cτ 61 µm). */
    LAMBDA_C(2.28646, 0.00607, 1);

    /** b-hadron species in the order of {@link #B_FRACTIONS}. */
    static final Species[] B_HADRONS = {B0, B_PLUS, B_S, LAMBDA_B};
    /**
     * Fractions of b quarks hadronising into B⁰, B⁺, B_s, b baryons (HFLAV, LEP and Tevatron average: f_u = f_d =
     * 0.404, f_s = 0.103, f_baryon = 0.089).
     */
    static final double[] B_FRACTIONS = {0.404, 0.404, 0.103, 0.089};
    /** c-hadron species in the order of {@link #C_FRACTIONS}. */
    static final Species[] C_HADRONS = {D0, D_PLUS, D_S, LAMBDA_C};
    /**
     * Fractions of c quarks hadronising into D⁰, D⁺, D_s, Λ_c (Lisovyi, Verbytskyi, Zenaiev, EPJ C 76 (2016) 397:
     * 0.609, 0.240, 0.080, 0.062; rounded and normalised).
     */
    static final double[] C_FRACTIONS = {0.61, 0.24, 0.08, 0.07};
    /** Inclusive semileptonic branching ratio of b hadrons, electron plus muon (PDG: 10.7% each). */
    static final double B_SEMILEPTONIC = 0.214;

    private final double mass;
    private final double ctau;
    private final int charge;

    Species(double mass, double ctau, int charge) {
        this.mass = mass;
        this.ctau = ctau;
        this.charge = charge;
    }

    /**
     * The mass.
     *
     * @return GeV
     */
    double mass() {
        return mass;
    }

    /**
     * The proper decay length.
     *
     * @return cτ in cm; +∞ for species stable here, 0 for the π⁰
     */
    double ctau() {
        return ctau;
    }

    /**
     * Whether the species carries electric charge (the sign is drawn per particle).
     *
     * @return true for charged species
     */
    boolean charged() {
        return charge != 0;
    }

    /**
     * The semileptonic branching ratio of a c hadron (electron plus muon), PDG: D⁰ 6.5% + 6.8%, D⁺ 16.1% + 17.6%,
     * D_s 6.5% + 6.3%, Λ_c 4.0% + 3.5%.
     *
     * @return the ratio, 0 for other species
     */
    double charmSemileptonic() {
        return switch (this) {
            case D0 -> 0.133;
            case D_PLUS -> 0.337;
            case D_S -> 0.128;
            case LAMBDA_C -> 0.075;
            default -> 0;
        };
    }

    /**
     * Draws the number of charged prongs of a hadronic c-hadron decay from the topological branching ratios
     * (PDG for D⁰: 0/2/4/6 prongs 15/70/14.5/0.5%; D⁺: 1/3/5 prongs 38/61/1%; D_s and Λ_c approximated as 1/3/5 prongs
     * 37/55/8% and 24/70/6%).
     *
     * @param u a uniform number in [0, 1)
     * @return the prong count
     */
    int charmProngs(double u) {
        return switch (this) {
            case D0 -> u < 0.15 ? 0 : u < 0.85 ? 2 : u < 0.995 ? 4 : 6;
            case D_PLUS -> u < 0.38 ? 1 : u < 0.99 ? 3 : 5;
            case D_S -> u < 0.37 ? 1 : u < 0.92 ? 3 : 5;
            default -> u < 0.24 ? 1 : u < 0.94 ? 3 : 5;
        };
    }

    /**
     * The charm hadron of the b → c transition of this b hadron, drawn with fractions that follow the spectator
     * quark: B⁰/B⁺ → D⁰ 62%, D⁺ 24%, D_s 10%, Λ_c 4%; B_s → D_s 80%, D⁰ 10%, D⁺ 10%; Λ_b → Λ_c 90%, D⁰ 10%.
     *
     * @param u a uniform number in [0, 1)
     * @return the charm species
     */
    Species cascadeCharm(double u) {
        return switch (this) {
            case B_S -> u < 0.8 ? D_S : u < 0.9 ? D0 : D_PLUS;
            case LAMBDA_B -> u < 0.9 ? LAMBDA_C : D0;
            default -> u < 0.62 ? D0 : u < 0.86 ? D_PLUS : u < 0.96 ? D_S : LAMBDA_C;
        };
    }

    /**
     * Draws a species from a list with fractions.
     *
     * @param species the candidates
     * @param fractions their fractions, summing to 1
     * @param u a uniform number in [0, 1)
     * @return the species
     */
    static Species draw(Species[] species, double[] fractions, double u) {
        double rest = u;
        for (int i = 0; i < species.length - 1; i++) {
            rest -= fractions[i];
            if (rest < 0) {
                return species[i];
            }
        }
        return species[species.length - 1];
    }
}
