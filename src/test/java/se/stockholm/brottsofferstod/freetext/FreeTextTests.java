package se.stockholm.brottsofferstod.freetext;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import se.stockholm.brottsofferstod.freetext.FreeText.Expected;
import se.stockholm.brottsofferstod.routing.Agreements;
import se.stockholm.brottsofferstod.routing.DistrictDirectory;
import se.stockholm.brottsofferstod.routing.Location;

class FreeTextTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final FreeText FREE_TEXT = FreeText.load(Path.of("config/freetext/freetext.yml"),
            DistrictDirectory.load(Path.of("config/routing/districts.yml"))
                    .with(Agreements.load(Path.of("config/routing/agreements.yml")).others()));

    private static Facts read(String text) {
        return FREE_TEXT.read(text, Expected.NOTHING, TODAY);
    }

    private static Facts answer(String text, Expected expected) {
        return FREE_TEXT.read(text, expected, TODAY);
    }

    @Nested
    class Age {

        @ParameterizedTest(name = "\"{0}\" is {1}")
        @CsvSource(delimiter = '|', value = {
                "17 år | 17",
                "jag är 19 | 19",
                "Jag är 19 år gammal | 19",
                "hej jag e 16 och blev rånad | 16",
                "I'm 34 | 34",
                "I am 52 and scared | 52",
                "34 years old | 34",
                "my son, 15 yrs old, was beaten | 15",
                "en 14-åring blev slagen | 14",
                "ålder: 23 | 23",
                "age 40 | 40"})
        void anAgeWrittenInWordsAndDigitsIsFound(String text, int age) {
            assertThat(read(text).age()).isEqualTo(age);
        }

        @ParameterizedTest(name = "\"{0}\" has no age")
        @CsvSource(delimiter = '|', value = {
                "det hände för 2 år sedan",
                "we have lived here for 3 years",
                "it happened 5 years ago",
                "jag har varit gift i 10 år",
                "I'm 5 minutes from home",
                "34",
                "hjälp"})
        void durationsAndLoneNumbersAreNotAges(String text) {
            assertThat(read(text).age()).isNull();
        }

        @Test
        void aBareNumberIsAnAgeOnlyAsTheAnswerToTheAgeQuestion() {
            assertThat(answer("34", Expected.AGE).age()).isEqualTo(34);
            assertThat(answer(" 17. ", Expected.AGE).age()).isEqualTo(17);
            assertThat(answer("34", Expected.PLACE).age()).isNull();
        }

        @Test
        void anImplausibleBareNumberIsNoAge() {
            assertThat(answer("999", Expected.AGE).age()).isNull();
            assertThat(answer("2", Expected.AGE).age()).isNull();
        }
    }

    @Nested
    class Place {

        @Test
        void aNeighbourhoodInASentenceGivesItsDistrict() {
            Facts facts = read("Hej, jag bor i Hökarängen och blev rånad igår");
            assertThat(facts.place()).isEqualTo("Hökarängen");
            assertThat(facts.location().kind()).isEqualTo(Location.Kind.DISTRICT);
            assertThat(facts.location().district()).isEqualTo("Farsta");
        }

        @Test
        void aNameWithoutDiacriticsAndInLowerCaseIsFound() {
            assertThat(read("bor i hokarangen").location().district()).isEqualTo("Farsta");
        }

        @Test
        void aMultiWordNeighbourhoodIsFoundWhole() {
            assertThat(read("I live in Hässelby strand").place()).isEqualTo("Hässelby strand");
        }

        @Test
        void aPostalCodeGivesItsDistrict() {
            Facts facts = read("mitt postnummer är 123 47");
            assertThat(facts.postalCode()).isEqualTo("12347");
            assertThat(facts.location().district()).isEqualTo("Farsta");
        }

        @Test
        void aPlaceOutsideTheCityIsOutsideArea() {
            Facts facts = read("jag bor i Uppsala");
            assertThat(facts.place()).isEqualTo("Uppsala");
            assertThat(facts.location().kind()).isEqualTo(Location.Kind.OUTSIDE_AREA);
        }

        @Test
        void aPlaceOfAnotherMunicipalitysAgreementIsInThatAgreementsArea() {
            Facts facts = read("jag bor i Norrtälje");
            assertThat(facts.place()).isEqualTo("Norrtälje");
            assertThat(facts.location().kind()).isEqualTo(Location.Kind.OTHER_AGREEMENT);
            assertThat(facts.location().agreement()).isEqualTo("norrtalje");
            assertThat(read("Hej, jag är 40 och bor i Rimbo").location().agreement()).isEqualTo("norrtalje");
        }

        @Test
        void stockholmAloneIsAmbiguousButANeighbourhoodBesideItWins() {
            assertThat(read("I live in Stockholm").location().kind()).isEqualTo(Location.Kind.AMBIGUOUS);
            assertThat(read("Stockholm, Tensta").location().district()).isEqualTo("Spånga-Tensta");
        }

        @Test
        void aPlaceNameThatIsAnEverydayWordCountsOnlyWhereItSaysWhereTheyLive() {
            assertThat(read("han slog mig i handen").location().kind()).isEqualTo(Location.Kind.UNKNOWN);
            assertThat(read("jag heter Maria").location().kind()).isEqualTo(Location.Kind.UNKNOWN);
            assertThat(read("jag bor i Handen").location().kind()).isEqualTo(Location.Kind.OUTSIDE_AREA);
            assertThat(answer("Kista", Expected.PLACE).location().district()).isEqualTo("Rinkeby-Kista");
        }

        @Test
        void moneyIsNoPostalCode() {
            assertThat(read("jag blev lurad på 12000 kr").postalCode()).isNull();
        }

        @Test
        void anUnknownPlaceLeavesTheLocationUnknown() {
            Facts facts = answer("Gävle", Expected.PLACE);
            assertThat(facts.place()).isNull();
            assertThat(facts.hasKnownLocation()).isFalse();
        }
    }

    @Nested
    class SeveralFacts {

        @Test
        void ageAndPlaceInOneSwedishMessageAreBothFound() {
            Facts facts = read("jag är 19 och bor i Tensta");
            assertThat(facts.age()).isEqualTo(19);
            assertThat(facts.location().district()).isEqualTo("Spånga-Tensta");
            assertThat(facts.language()).isEqualTo("sv");
        }

        @Test
        void ageAndPostalCodeInOneEnglishMessageAreBothFound() {
            Facts facts = read("I'm 34, postcode 163 72, my ex keeps calling me");
            assertThat(facts.age()).isEqualTo(34);
            assertThat(facts.postalCode()).isEqualTo("16372");
            assertThat(facts.location().district()).isEqualTo("Rinkeby-Kista");
            assertThat(facts.language()).isEqualTo("en");
        }

        @Test
        void thePostalCodeIsNotTakenForAnAge() {
            assertThat(read("12347").age()).isNull();
            assertThat(answer("123 47", Expected.AGE).age()).isNull();
        }
    }

    @Nested
    class IdentityNumbers {

        @Test
        void aPersonnummerIsMaskedAndGivesTheAge() {
            Facts facts = read("mitt personnummer är 19900101-0017, bor i Farsta");
            assertThat(facts.text()).doesNotContain("0017").doesNotContain("19900101").contains(FreeText.MASK);
            assertThat(facts.identityNumberMasked()).isTrue();
            assertThat(facts.age()).isEqualTo(36);
            assertThat(facts.location().district()).isEqualTo("Farsta");
        }

        @Test
        void aTenDigitNumberWithoutSeparatorIsMaskedWhenItsCheckDigitHolds() {
            Facts facts = read("pnr 9001010017");
            assertThat(facts.text()).isEqualTo("pnr " + FreeText.MASK);
        }

        @Test
        void aSamordningsnummerIsMasked() {
            Facts facts = read("samordningsnummer 900161-0014");
            assertThat(facts.text()).doesNotContain("900161");
            assertThat(facts.identityNumberMasked()).isTrue();
        }

        @Test
        void aMistypedNumberIsMaskedAllTheSame() {
            Facts facts = read("19900101-0018");
            assertThat(facts.text()).isEqualTo(FreeText.MASK);
            assertThat(facts.age()).isNull();
        }

        @Test
        void anAgeSaidOutrightWinsOverTheIdentityNumber() {
            assertThat(read("jag är 20, 19900101-0017").age()).isEqualTo(20);
        }

        @Test
        void aPhoneNumberIsLeftAlone() {
            assertThat(read("ring 070-123 45 67").text()).isEqualTo("ring 070-123 45 67");
        }
    }

    @Nested
    class Language {

        @ParameterizedTest(name = "\"{0}\" is {1}")
        @CsvSource(delimiter = '|', value = {
                "hej jag behöver hjälp | sv",
                "Hello, I need help please | en",
                "kan ni ringa mig på kvällen | sv",
                "my boyfriend hit me | en"})
        void swedishAndEnglishAreToldFromTheWords(String text, String language) {
            Facts facts = read(text);
            assertThat(facts.language()).isEqualTo(language);
            assertThat(facts.languageChosen()).isFalse();
        }

        @ParameterizedTest(name = "\"{0}\" chooses {1}")
        @CsvSource(delimiter = '|', value = {
                "jag vill ha tolk på arabiska | ar",
                "Somali please | so",
                "العربية | ar",
                "English please | en",
                "jag pratar inte svenska, bara persiska | fa"})
        void aLanguageNamedInTheMessageIsChosen(String text, String language) {
            Facts facts = read(text);
            assertThat(facts.language()).isEqualTo(language);
            assertThat(facts.languageChosen()).isTrue();
        }

        @Test
        void aMessageWithoutWordsHasNoLanguage() {
            assertThat(read("34").language()).isNull();
        }

        @Test
        void aLanguageHasItsNameInTheReplyLanguage() {
            assertThat(FREE_TEXT.languageName("ar", "sv")).isEqualTo("arabiska");
            assertThat(FREE_TEXT.languageName("ar", "en")).isEqualTo("Arabic");
        }
    }
}
