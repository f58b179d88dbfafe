package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import se.stockholm.brottsofferstod.cases.ContactAttempt.Channel;
import se.stockholm.brottsofferstod.cases.ContactAttempt.Outcome;

class CaseRulesTests {

    private static ContactAttempt attempt(String at, Channel channel) {
        return new ContactAttempt(1, OffsetDateTime.parse(at).toInstant(), channel, Outcome.NO_ANSWER, "boj-vasterort", "FEMALE", "staff",
                Instant.now());
    }

    @ParameterizedTest(name = "{0} evening: {1}")
    @CsvSource(textBlock = """
            2026-11-25T16:59:00+01:00, false
            2026-11-25T17:00:00+01:00, true
            2026-11-25T20:59:59+01:00, true
            2026-11-25T21:00:00+01:00, false
            2026-11-25T20:30:00Z,      false
            2026-11-25T16:30:00Z,      true
            2026-03-29T18:30:00+02:00, true
            2026-03-29T16:30:00Z,      true
            2026-03-29T14:30:00Z,      false
            2026-10-25T16:30:00Z,      true
            2026-10-25T20:30:00Z,      false
            """)
    void eveningIsFiveToNineInStockholmAcrossDaylightSavingChanges(String at, boolean evening) {
        assertThat(CaseRules.isEvening(OffsetDateTime.parse(at).toInstant())).isEqualTo(evening);
    }

    @Nested
    class NotReached {

        @Test
        void twoPhoneCallsAndAnEveningSmsAreNotEnough() {
            assertThat(CaseRules.whyNotYetNotReached(List.of(attempt("2026-11-23T10:00:00+01:00", Channel.PHONE),
                    attempt("2026-11-24T10:00:00+01:00", Channel.PHONE), attempt("2026-11-24T18:00:00+01:00", Channel.SMS))))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("2 phone attempts"));
        }

        @Test
        void threePhoneCallsNoneInTheEveningAreNotEnough() {
            assertThat(CaseRules.whyNotYetNotReached(List.of(attempt("2026-11-23T10:00:00+01:00", Channel.PHONE),
                    attempt("2026-11-24T16:59:00+01:00", Channel.PHONE), attempt("2026-11-25T21:00:00+01:00", Channel.PHONE))))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("none in the evening"));
        }

        @Test
        void threePhoneCallsOneAtFivePmAreEnough() {
            assertThat(CaseRules.whyNotYetNotReached(List.of(attempt("2026-11-23T10:00:00+01:00", Channel.PHONE),
                    attempt("2026-11-24T17:00:00+01:00", Channel.PHONE), attempt("2026-11-25T11:00:00+01:00", Channel.PHONE))))
                    .isEmpty();
        }

        @Test
        void anEveningCallOnTheDayDaylightSavingStartsCounts() {
            assertThat(CaseRules.whyNotYetNotReached(List.of(attempt("2026-03-27T10:00:00+01:00", Channel.PHONE),
                    attempt("2026-03-28T10:00:00+01:00", Channel.PHONE), attempt("2026-03-29T16:30:00Z", Channel.PHONE))))
                    .isEmpty();
        }
    }

    @Test
    void protectedIdentityAllowsPhoneAndMeetingOnly() {
        assertThat(CaseRules.whyChannelRefused(true, Channel.PHONE)).isEmpty();
        assertThat(CaseRules.whyChannelRefused(true, Channel.MEETING)).isEmpty();
        assertThat(CaseRules.whyChannelRefused(true, Channel.SMS)).isPresent();
        assertThat(CaseRules.whyChannelRefused(true, Channel.EMAIL)).isPresent();
        assertThat(CaseRules.whyChannelRefused(false, Channel.SMS)).isEmpty();
    }

    @Nested
    class Links {

        private final CaseRules rules = new CaseRules("stodcentrum", 21);

        @Test
        void notToThePartnerThatHoldsTheCase() {
            assertThat(rules.whyLinkRefused("boj-vasterort", 30, "boj-vasterort", "any")).isPresent();
        }

        @Test
        void byTheAgeRuleWithoutAReason() {
            assertThat(rules.whyLinkRefused("boj-vasterort", 19, "stodcentrum", null)).isEmpty();
            assertThat(rules.whyLinkRefused("stodcentrum", 25, "boj-sodra-stockholm", null)).isEmpty();
        }

        @Test
        void againstTheAgeRuleOnlyWithAReason() {
            assertThat(rules.whyLinkRefused("boj-vasterort", 30, "stodcentrum", null)).isPresent();
            assertThat(rules.whyLinkRefused("boj-vasterort", 30, "stodcentrum", " ")).isPresent();
            assertThat(rules.whyLinkRefused("boj-vasterort", 30, "stodcentrum", "Witness at the youth court")).isEmpty();
            assertThat(rules.whyLinkRefused("stodcentrum", 17, "boj-vasterort", null)).isPresent();
        }

        @Test
        void unknownAgeNeedsNoReason() {
            assertThat(rules.whyLinkRefused("boj-vasterort", null, "stodcentrum", null)).isEmpty();
        }
    }
}
