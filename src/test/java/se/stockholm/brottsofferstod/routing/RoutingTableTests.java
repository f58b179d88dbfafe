package se.stockholm.brottsofferstod.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing data in config/routing against the partnership's table: district → jour, under 21 → Stödcentrum. */
class RoutingTableTests {

    private static final Router ROUTER = new Router(Partners.load(Path.of("config/routing/partners.yml")),
            DistrictDirectory.load(Path.of("config/routing/districts.yml")));
    private static final KnownAge ADULT = new KnownAge(34, "test");
    private static final KnownAge YOUNG = new KnownAge(17, "test");

    private static String withoutDiacritics(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    @ParameterizedTest(name = "{0} in {1} → {2}")
    @CsvSource(textBlock = """
            Rinkeby,              Rinkeby-Kista,        boj-vasterort
            Husby,                Rinkeby-Kista,        boj-vasterort
            Akalla,               Rinkeby-Kista,        boj-vasterort
            Kista,                Rinkeby-Kista,        boj-vasterort
            Tensta,               Spånga-Tensta,        boj-vasterort
            Hjulsta,              Spånga-Tensta,        boj-vasterort
            Bromsten,             Spånga-Tensta,        boj-vasterort
            Spånga,               Spånga-Tensta,        boj-vasterort
            Vällingby,            Hässelby-Vällingby,   boj-vasterort
            Hässelby strand,      Hässelby-Vällingby,   boj-vasterort
            Råcksta,              Hässelby-Vällingby,   boj-vasterort
            Blackeberg,           Bromma,               boj-vasterort
            Äppelviken,           Bromma,               boj-vasterort
            Ålsten,               Bromma,               boj-vasterort
            Vasastan,             Norrmalm,             boj-stockholm-gotland
            Sibirien,             Norrmalm,             boj-stockholm-gotland
            Röda bergen,          Norrmalm,             boj-stockholm-gotland
            Gärdet,               Östermalm,            boj-stockholm-gotland
            Hjorthagen,           Östermalm,            boj-stockholm-gotland
            Lärkstaden,           Östermalm,            boj-stockholm-gotland
            Fredhäll,             Kungsholmen,          boj-stockholm-gotland
            Stadshagen,           Kungsholmen,          boj-stockholm-gotland
            Lilla Essingen,       Kungsholmen,          boj-stockholm-gotland
            Långholmen,           Södermalm,            boj-stockholm-gotland
            Högalid,              Södermalm,            boj-stockholm-gotland
            Gamla stan,           Södermalm,            boj-stockholm-gotland
            Högdalen,             Enskede-Årsta-Vantör, boj-sodra-stockholm
            Rågsved,              Enskede-Årsta-Vantör, boj-sodra-stockholm
            Östberga,             Enskede-Årsta-Vantör, boj-sodra-stockholm
            Bagarmossen,          Skarpnäck,            boj-sodra-stockholm
            Björkhagen,           Skarpnäck,            boj-sodra-stockholm
            Kärrtorp,             Skarpnäck,            boj-sodra-stockholm
            Hökarängen,           Farsta,               boj-sodra-stockholm
            Gubbängen,            Farsta,               boj-sodra-stockholm
            Sköndal,              Farsta,               boj-sodra-stockholm
            Midsommarkransen,     Hägersten-Älvsjö,     boj-sodra-stockholm
            Älvsjö,               Hägersten-Älvsjö,     boj-sodra-stockholm
            Fruängen,             Hägersten-Älvsjö,     boj-sodra-stockholm
            Bredäng,              Skärholmen,           boj-sodra-stockholm
            Sätra,                Skärholmen,           boj-sodra-stockholm
            Vårberg,              Skärholmen,           boj-sodra-stockholm
            """)
    void neighbourhoodRoutesAnAdultToTheJourOfItsDistrictInAnySpelling(String name, String district, String jour) {
        for (String spelling : new String[] {name, withoutDiacritics(name), name.toUpperCase(Locale.ROOT),
                withoutDiacritics(name).toLowerCase(Locale.ROOT)}) {
            RoutingDecision decision = ROUTER.route(ADULT, spelling, null, null);
            assertThat(decision.partner()).as(spelling).isEqualTo(jour);
            assertThat(decision.district()).as(spelling).isEqualTo(district);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            Rinkeby-Kista,        boj-vasterort
            Spånga-Tensta,        boj-vasterort
            Hässelby-Vällingby,   boj-vasterort
            Bromma,               boj-vasterort
            Norrmalm,             boj-stockholm-gotland
            Östermalm,            boj-stockholm-gotland
            Kungsholmen,          boj-stockholm-gotland
            Södermalm,            boj-stockholm-gotland
            Enskede-Årsta-Vantör, boj-sodra-stockholm
            Skarpnäck,            boj-sodra-stockholm
            Farsta,               boj-sodra-stockholm
            Hägersten-Älvsjö,     boj-sodra-stockholm
            Skärholmen,           boj-sodra-stockholm
            """)
    void everyDistrictByNameGoesToItsJourAndUnder21ToStodcentrum(String district, String jour) {
        assertThat(ROUTER.route(ADULT, district, null, null).partner()).isEqualTo(jour);
        assertThat(ROUTER.route(ADULT, withoutDiacritics(district).replace('-', ' '), null, null).partner()).isEqualTo(jour);
        assertThat(ROUTER.route(YOUNG, district, null, null).partner()).isEqualTo("stodcentrum");
    }

    @Test
    void theDataHasAllThirteenDistricts() {
        assertThat(ROUTER.districts().jourByDistrict()).hasSize(13);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            164 40, Rinkeby-Kista
            163 61, Spånga-Tensta
            162 68, Hässelby-Vällingby
            165 55, Hässelby-Vällingby
            168 65, Bromma
            113 21, Norrmalm
            114 35, Östermalm
            112 51, Kungsholmen
            118 26, Södermalm
            124 54, Enskede-Årsta-Vantör
            123 47, Farsta
            126 53, Hägersten-Älvsjö
            127 41, Skärholmen
            """)
    void postalCodeOfEachDistrictFindsIt(String postalCode, String district) {
        RoutingDecision decision = ROUTER.route(ADULT, null, postalCode, null);
        assertThat(decision.district()).isEqualTo(district);
        assertThat(ROUTER.route(ADULT, null, postalCode.replace(" ", ""), null).district()).isEqualTo(district);
    }

    @Test
    void postalCodeSharedByTwoDistrictsOfOneJourGoesToThatJour() {
        RoutingDecision decision = ROUTER.route(ADULT, null, "128 41", null);
        assertThat(decision.partner()).isEqualTo("boj-sodra-stockholm");
        assertThat(decision.reason()).contains("Farsta").contains("Skarpnäck");
    }

    @Test
    void postalCodeSharedByDistrictsOfTwoJoursGoesToTriage() {
        assertThat(ROUTER.route(ADULT, null, "117 43", null).partner()).isEqualTo(RoutingDecision.TRIAGE);
    }

    @Test
    void uppsalaAddressIsOutsideArea() {
        assertThat(ROUTER.route(ADULT, null, "753 20", "Uppsala").partner()).isEqualTo(RoutingDecision.OUTSIDE_AREA);
        assertThat(ROUTER.route(ADULT, null, null, "Uppsala").partner()).isEqualTo(RoutingDecision.OUTSIDE_AREA);
        assertThat(ROUTER.route(YOUNG, "Sodertalje", null, null).partner()).isEqualTo(RoutingDecision.OUTSIDE_AREA);
    }

    @Test
    void stockholmAloneGoesToTriage() {
        RoutingDecision decision = ROUTER.route(ADULT, "Stockholm", null, "Stockholm");
        assertThat(decision.partner()).isEqualTo(RoutingDecision.TRIAGE);
        assertThat(decision.reason()).contains("does not tell which district");
    }

    @Test
    void unknownPlaceAndUnknownAgeGoToTriage() {
        assertThat(ROUTER.route(KnownAge.UNKNOWN, "Atlantis", null, null).partner()).isEqualTo(RoutingDecision.TRIAGE);
    }

    @Test
    void unknownAgeInAKnownDistrictGoesToTheJourWithAFlag() {
        RoutingDecision decision = ROUTER.route(KnownAge.UNKNOWN, "Tensta", null, null);
        assertThat(decision.partner()).isEqualTo("boj-vasterort");
        assertThat(decision.ageUnknown()).isTrue();
        assertThat(decision.reason()).contains("check the age");
    }

    @Test
    void youngPersonWithUnknownDistrictStillGoesToStodcentrum() {
        assertThat(ROUTER.route(YOUNG, null, null, null).partner()).isEqualTo("stodcentrum");
    }

    @Test
    void districtTextWinsOverPostalCodeAndCityHelpsWhenNothingElseDoes() {
        assertThat(ROUTER.route(ADULT, "Tensta", "123 47", null).district()).isEqualTo("Spånga-Tensta");
        assertThat(ROUTER.route(ADULT, "Stockholm", "123 47", null).district()).isEqualTo("Farsta");
        assertThat(ROUTER.route(ADULT, null, null, "Farsta").district()).isEqualTo("Farsta");
    }

    @Test
    void neighbourhoodWithinLongerTextIsFound() {
        assertThat(ROUTER.route(ADULT, "Tensta, Stockholm", null, null).district()).isEqualTo("Spånga-Tensta");
        assertThat(ROUTER.route(ADULT, "bor i Hässelby strand", null, null).district()).isEqualTo("Hässelby-Vällingby");
    }

    @Test
    void aReasonNamesTheRuleAndTheKindOfEvidenceNeverWhatThePersonWrote() {
        assertThat(ROUTER.route(ADULT, "bor på Hökarängsplan i Hökarängen", "123 47", "Farsta").reason())
                .doesNotContain("Hökarängen").doesNotContain("Hökarängsplan").doesNotContain("123 47");
        assertThat(ROUTER.route(ADULT, null, "123 47", null).reason()).contains("the postal code's area").doesNotContain("123");
        assertThat(ROUTER.route(ADULT, "Atlantisgatan 5", null, null).reason()).doesNotContain("Atlantis");
        assertThat(ROUTER.route(ADULT, null, "753 20", null).reason()).doesNotContain("753");
    }

    @Test
    void everyDecisionSaysWhy() {
        assertThat(ROUTER.route(ADULT, "Hökarängen", null, null).reason())
                .isEqualTo("Age 34 from test is 21 or over; district Farsta (the district given) is served by boj-sodra-stockholm");
        assertThat(ROUTER.route(YOUNG, "Tensta", null, null).reason()).startsWith("Age 17 from test is under 21");
    }
}
