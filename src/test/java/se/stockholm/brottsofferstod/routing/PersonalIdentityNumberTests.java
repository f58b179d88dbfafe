package se.stockholm.brottsofferstod.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalIdentityNumberTests {

    private static final LocalDate TODAY = LocalDate.of(2024, 2, 12);

    @ParameterizedTest
    @ValueSource(strings = {"19851104-5547", "198511045547", "851104-5547", "8511045547"})
    void acceptsTenAndTwelveDigitsWithAndWithoutHyphen(String written) {
        PersonalIdentityNumber number = PersonalIdentityNumber.parse(written, TODAY);

        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1985, 11, 4));
        assertThat(number.normalized()).isEqualTo("19851104-5547");
        assertThat(number.coordinationNumber()).isFalse();
        assertThat(number.ageAt(TODAY)).isEqualTo(38);
    }

    @Test
    void refusesAWrongCheckDigitWithoutRepeatingTheNumber() {
        assertThatThrownBy(() -> PersonalIdentityNumber.parse("19851104-5548", TODAY))
                .isInstanceOf(PersonalIdentityNumber.InvalidIdentityNumberException.class)
                .hasMessage("has a wrong check digit")
                .hasMessageNotContaining("5548");
    }

    @Test
    void refusesAnImpossibleDate() {
        // 1985-13-04 with a correct check digit for those digits
        String digits = "851304" + "554";
        String number = digits + PersonalIdentityNumber.luhnCheckDigit(digits);
        assertThatThrownBy(() -> PersonalIdentityNumber.parse(number, TODAY)).hasMessage("is not a valid date of birth");
    }

    @Test
    void refusesAWrongFormat() {
        assertThatThrownBy(() -> PersonalIdentityNumber.parse("1985-11-04", TODAY)).hasMessageContaining("10 or 12 digits");
    }

    @Test
    void readsASamordningsnummerAsTheDayPlusSixty() {
        String digits = "851164" + "554";
        PersonalIdentityNumber number = PersonalIdentityNumber.parse(digits + PersonalIdentityNumber.luhnCheckDigit(digits), TODAY);

        assertThat(number.coordinationNumber()).isTrue();
        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1985, 11, 4));
    }

    @Test
    void plusSeparatorMeansAHundredYearsOrOlder() {
        String digits = "201104" + "554";
        String check = String.valueOf(PersonalIdentityNumber.luhnCheckDigit(digits));

        assertThat(PersonalIdentityNumber.parse("201104-554" + check, TODAY).birthDate().getYear()).isEqualTo(2020);
        assertThat(PersonalIdentityNumber.parse("201104+554" + check, TODAY).birthDate().getYear()).isEqualTo(1920);
        assertThat(PersonalIdentityNumber.parse("201104+554" + check, TODAY).ageAt(TODAY)).isEqualTo(103);
    }

    @Test
    void tenDigitsAreNeverBornInTheFuture() {
        String digits = "240301" + "123";
        PersonalIdentityNumber number = PersonalIdentityNumber.parse(digits + PersonalIdentityNumber.luhnCheckDigit(digits), TODAY);

        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1924, 3, 1));
    }

    @Test
    void knownValidNumbersPassTheLuhnCheck() {
        // Skatteverket's published test numbers
        assertThat(PersonalIdentityNumber.parse("19121212-1212", TODAY).birthDate()).isEqualTo(LocalDate.of(1912, 12, 12));
        assertThat(PersonalIdentityNumber.luhnCheckDigit("811218987")).isEqualTo(6);
    }

    @Nested
    class TwentyFirstBirthday {

        private final PersonalIdentityNumber bornMarch2003 = PersonalIdentityNumber.parse(
                "20030315-" + "123" + PersonalIdentityNumber.luhnCheckDigit("030315123"), LocalDate.of(2025, 1, 1));

        @Test
        void theDayBeforeThePersonIsTwenty() {
            assertThat(bornMarch2003.ageAt(LocalDate.of(2024, 3, 14))).isEqualTo(20);
        }

        @Test
        void onTheDayThePersonIsTwentyOne() {
            assertThat(bornMarch2003.ageAt(LocalDate.of(2024, 3, 15))).isEqualTo(21);
        }

        @Test
        void theRuleSendsTheDayBeforeToStodcentrumAndTheDayItselfToTheJour() {
            RoutingRule rule = new RoutingRule("stodcentrum", 21, java.util.Map.of("Farsta", "boj-sodra-stockholm"));
            Location farsta = new Location(Location.Kind.DISTRICT, "Farsta", "district 'Farsta'");

            assertThat(rule.route(KnownAge.of(bornMarch2003, LocalDate.of(2024, 3, 14)), farsta).partner()).isEqualTo("stodcentrum");
            assertThat(rule.route(KnownAge.of(bornMarch2003, LocalDate.of(2024, 3, 15)), farsta).partner())
                    .isEqualTo("boj-sodra-stockholm");
        }
    }
}
