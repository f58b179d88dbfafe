package se.stockholm.brottsofferstod.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one agreement year of demo data must add up to. The totals are the seeds' (000 for year 2, 001 for year 1,
 * 003 for the jours' 2 747 and 3 697); how they split between the jours, genders and crime types is invented but
 * keeps what the seeds say: about 60 % women among cases and 70 % among direct contacts, as many girls as boys at
 * Stödcentrum, fraud rising most among the jours, the crime types in the seeds' order of frequency.
 *
 * @param cases             cases per partner, held at the year's end
 * @param women             cases of women and girls per partner
 * @param others            cases per partner with gender OTHER and UNKNOWN (the rest are men and boys)
 * @param casesByQuarter    share of each partner's cases received in each quarter, in per mille
 * @param crimeShares       per cent of each partner group's cases by crime category ("jour" or "youth")
 * @param ipvWomen          cases of violence in close relationships of women and girls per partner
 * @param ipvMen            the same of men and boys
 * @param gangRelated       gang-related cases per partner
 * @param linkedIn          cases per partner that came in at the other side and were linked over
 */
record DemoYear(String name, LocalDate from, LocalDate to, Map<String, Integer> cases, Map<String, Integer> women,
                Map<String, int[]> others, Map<String, int[]> casesByQuarter, Map<String, Map<String, Double>> crimeShares,
                int directContacts, int directContactsOfWomen, int actions, Map<String, Integer> ipvWomen,
                Map<String, Integer> ipvMen, Map<String, Integer> gangRelated, Map<String, Integer> linkedIn,
                int noConsentReferrals) {

    static final String YOUTH = "stodcentrum";
    static final String SODRA = "boj-sodra-stockholm";
    static final String VASTERORT = "boj-vasterort";
    static final String STOCKHOLM_GOTLAND = "boj-stockholm-gotland";

    static List<DemoYear> seedYears() {
        return List.of(yearOne(), yearTwo());
    }

    /** 2022-04-01..2023-03-31 (seed 001): 4 397 cases, 8 354 direct contacts, 9 849 actions. */
    static DemoYear yearOne() {
        return new DemoYear("Verksamhetsår 1 (2022/23)", LocalDate.of(2022, 4, 1), LocalDate.of(2023, 3, 31),
                Map.of(YOUTH, 1650, STOCKHOLM_GOTLAND, 1180, SODRA, 872, VASTERORT, 695),
                Map.of(YOUTH, 826, STOCKHOLM_GOTLAND, 752, SODRA, 559, VASTERORT, 447),
                Map.of(YOUTH, new int[] {6, 14}, STOCKHOLM_GOTLAND, new int[] {4, 9}, SODRA, new int[] {3, 6},
                        VASTERORT, new int[] {2, 5}),
                Map.of(YOUTH, new int[] {290, 285, 270, 155}, STOCKHOLM_GOTLAND, new int[] {220, 235, 225, 320},
                        SODRA, new int[] {220, 235, 225, 320}, VASTERORT, new int[] {220, 235, 225, 320}),
                Map.of("jour", shares(27, 21, 13, 11, 8, 4, 5, 3, 2, 0.5, 1, 3.5, 1),
                        "youth", shares(30, 4, 15, 14, 12, 9, 5, 3, 2, 0.5, 0.5, 4, 1)),
                8354, 5848, 9849,
                Map.of(YOUTH, 27, STOCKHOLM_GOTLAND, 101, SODRA, 78, VASTERORT, 56),
                Map.of(YOUTH, 6, STOCKHOLM_GOTLAND, 16, SODRA, 13, VASTERORT, 11),
                Map.of(YOUTH, 0, STOCKHOLM_GOTLAND, 12, SODRA, 9, VASTERORT, 11),
                Map.of(YOUTH, 38, STOCKHOLM_GOTLAND, 9, SODRA, 8, VASTERORT, 6),
                1210);
    }

    /** 2023-04-01..2024-03-31 (seed 000): 4 751 cases, 8 919 direct contacts, 13 377 actions. */
    static DemoYear yearTwo() {
        return new DemoYear("Verksamhetsår 2 (2023/24)", LocalDate.of(2023, 4, 1), LocalDate.of(2024, 3, 31),
                Map.of(YOUTH, 1054, STOCKHOLM_GOTLAND, 1562, SODRA, 1198, VASTERORT, 937),
                Map.of(YOUTH, 528, STOCKHOLM_GOTLAND, 983, SODRA, 752, VASTERORT, 588),
                Map.of(YOUTH, new int[] {5, 11}, STOCKHOLM_GOTLAND, new int[] {5, 11}, SODRA, new int[] {3, 8},
                        VASTERORT, new int[] {2, 6}),
                Map.of(YOUTH, new int[] {255, 250, 250, 245}, STOCKHOLM_GOTLAND, new int[] {240, 250, 250, 260},
                        SODRA, new int[] {240, 250, 250, 260}, VASTERORT, new int[] {240, 250, 250, 260}),
                Map.of("jour", shares(27, 25, 13, 10, 8, 4, 4, 2.5, 2, 0.5, 1, 2, 1),
                        "youth", shares(31, 4, 22, 12, 11, 8, 4, 2, 2, 0.5, 0.5, 2, 1)),
                8919, 6243, 13377,
                Map.of(YOUTH, 26, STOCKHOLM_GOTLAND, 134, SODRA, 102, VASTERORT, 71),
                Map.of(YOUTH, 2, STOCKHOLM_GOTLAND, 22, SODRA, 18, VASTERORT, 14),
                Map.of(YOUTH, 0, STOCKHOLM_GOTLAND, 38, SODRA, 29, VASTERORT, 33),
                Map.of(YOUTH, 44, STOCKHOLM_GOTLAND, 12, SODRA, 10, VASTERORT, 9),
                1580);
    }

    private static Map<String, Double> shares(double assault, double fraud, double threat, double molestation,
                                              double sexual, double robbery, double theft, double vandalism,
                                              double hate, double trafficking, double homicide, double other,
                                              double unknown) {
        return Map.ofEntries(Map.entry("ASSAULT", assault), Map.entry("FRAUD", fraud),
                Map.entry("UNLAWFUL_THREAT", threat), Map.entry("MOLESTATION", molestation),
                Map.entry("SEXUAL_OFFENCE", sexual), Map.entry("ROBBERY", robbery),
                Map.entry("THEFT_BURGLARY", theft), Map.entry("VANDALISM", vandalism), Map.entry("HATE_CRIME", hate),
                Map.entry("HUMAN_TRAFFICKING", trafficking), Map.entry("HOMICIDE", homicide),
                Map.entry("OTHER", other), Map.entry("UNKNOWN", unknown));
    }
}
