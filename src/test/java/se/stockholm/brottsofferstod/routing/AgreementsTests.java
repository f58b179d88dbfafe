package se.stockholm.brottsofferstod.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agreements of config/routing: the person's municipality decides the agreement, its rule the partner. */
class AgreementsTests {

    private static final Partners PARTNERS = Partners.load(Path.of("config/routing/partners.yml"));
    private static final Agreements AGREEMENTS = Agreements.load(Path.of("config/routing/agreements.yml"));
    private static final Router ROUTER = new Router(PARTNERS, DistrictDirectory.load(Path.of("config/routing/districts.yml")),
            AGREEMENTS);
    private static final KnownAge ADULT = new KnownAge(34, "test");
    private static final KnownAge CHILD = new KnownAge(12, "test");

    @Nested
    class TheData {

        @Test
        void stockholmIsTheHomeAgreementWithItsFourPartnersAndNorrtaljeHasItsOwn() {
            assertThat(AGREEMENTS.home()).isEqualTo(Agreements.STOCKHOLM);
            assertThat(AGREEMENTS.homeAgreement().partners()).containsExactlyElementsOf(PARTNERS.ids());
            assertThat(AGREEMENTS.ids()).containsExactly("stockholm", "norrtalje");
            Agreements.Agreement norrtalje = AGREEMENTS.byId("norrtalje").orElseThrow();
            assertThat(norrtalje.partner()).isEqualTo("boj-stockholm-gotland");
            assertThat(norrtalje.municipality()).isEqualTo("Norrtälje kommun");
            assertThat(norrtalje.calendarYearsFrom()).isEqualTo(2022);
            assertThat(norrtalje.postalCodes()).containsExactly("760", "761", "762", "763", "764");
        }

        @Test
        void anAgreementWithAnUnknownRuleOrAPartnerOutsideThePartnershipIsRefused() {
            assertThatThrownBy(() -> Agreements.load(yaml("""
                    home: stockholm
                    agreements:
                      - { id: stockholm, rule: age-and-district, partners: [stodcentrum] }
                      - { id: x, rule: by-mood, partner: stodcentrum }""")))
                    .hasMessageContaining("unknown rule");
            Agreements stray = Agreements.load(yaml("""
                    home: stockholm
                    agreements:
                      - { id: stockholm, rule: age-and-district, partners: [stodcentrum] }
                      - { id: x, rule: everyone, partner: boj-elsewhere }"""));
            assertThatThrownBy(() -> new Router(PARTNERS, DistrictDirectory.load(Path.of("config/routing/districts.yml")), stray))
                    .hasMessageContaining("boj-elsewhere");
        }

        private static ByteArrayInputStream yaml(String text) {
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class Norrtalje {

        @ParameterizedTest(name = "postal code {0}")
        @ValueSource(strings = {"760 40", "761 30", "762 31", "763 32", "764 91", "76130"})
        void everyPostalCodeOfTheMunicipalityGoesToTheJourUnderNorrtaljesAgreement(String postalCode) {
            RoutingDecision decision = ROUTER.route(ADULT, null, postalCode, null);
            assertThat(decision.partner()).isEqualTo("boj-stockholm-gotland");
            assertThat(decision.agreement()).isEqualTo("norrtalje");
            assertThat(decision.reason()).contains("Norrtälje kommun").doesNotContain(postalCode);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Norrtälje", "Norrtalje", "Rimbo", "Hallstavik", "Älmsta", "Grisslehamn", "Blidö",
                "Söderby Karl", "bor i Rimbo"})
        void thePlacesOfTheMunicipalityGoToTheJourUnderNorrtaljesAgreement(String place) {
            RoutingDecision decision = ROUTER.route(ADULT, place, null, null);
            assertThat(decision.partner()).isEqualTo("boj-stockholm-gotland");
            assertThat(decision.agreement()).isEqualTo("norrtalje");
        }

        @Test
        void everyAgeGoesToTheJourAndNoAgeCheckIsAsked() {
            assertThat(ROUTER.route(CHILD, null, null, "Norrtälje").partner()).isEqualTo("boj-stockholm-gotland");
            RoutingDecision unknown = ROUTER.route(KnownAge.UNKNOWN, "Rimbo", null, null);
            assertThat(unknown.partner()).isEqualTo("boj-stockholm-gotland");
            assertThat(unknown.ageUnknown()).isFalse();
        }

        @Test
        void theCityAgreementsDistrictWinsOverTheCityNamedAfterIt() {
            RoutingDecision decision = ROUTER.route(ADULT, "Tensta", "761 30", null);
            assertThat(decision.partner()).isEqualTo("boj-vasterort");
            assertThat(decision.agreement()).isEqualTo("stockholm");
        }
    }

    @Nested
    class OutsideEveryAgreement {

        @Test
        void uppsalaStaysOutsideAreaCountedUnderTheHomeAgreement() {
            RoutingDecision decision = ROUTER.route(ADULT, null, "753 20", "Uppsala");
            assertThat(decision.partner()).isEqualTo(RoutingDecision.OUTSIDE_AREA);
            assertThat(decision.agreement()).isEqualTo("stockholm");
        }

        @Test
        void gotlandHasNoAgreementInTheDataSoItIsOutsideArea() {
            assertThat(ROUTER.route(ADULT, "Visby", null, null).partner()).isEqualTo(RoutingDecision.OUTSIDE_AREA);
            assertThat(ROUTER.route(ADULT, null, "621 41", null).partner()).isEqualTo(RoutingDecision.OUTSIDE_AREA);
        }
    }

    @Nested
    class StockholmCity {

        @Test
        void theCitysRulesAreUnchangedAndItsCasesCarryItsAgreement() {
            RoutingDecision adult = ROUTER.route(ADULT, "Hökarängen", null, null);
            assertThat(adult.partner()).isEqualTo("boj-sodra-stockholm");
            assertThat(adult.agreement()).isEqualTo("stockholm");
            assertThat(ROUTER.route(CHILD, "Hökarängen", null, null).partner()).isEqualTo("stodcentrum");
            RoutingDecision triage = ROUTER.route(ADULT, "Stockholm", null, null);
            assertThat(triage.partner()).isEqualTo(RoutingDecision.TRIAGE);
            assertThat(triage.agreement()).isEqualTo("stockholm");
        }
    }
}
