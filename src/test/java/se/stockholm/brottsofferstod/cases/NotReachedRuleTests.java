package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.cases.ContactAttempt.Channel;
import se.stockholm.brottsofferstod.cases.ContactAttempt.Outcome;

/** How far a case is from being closable as not reached, as the staff pages show it. */
class NotReachedRuleTests {

    private static CaseViews.Attempt attempt(String at, Channel channel) {
        return new CaseViews.Attempt(OffsetDateTime.parse(at), channel, Outcome.NO_ANSWER, "boj-sodra-stockholm", "sodra-1");
    }

    private static NotReachedRule rule(CaseViews.Attempt... attempts) {
        return NotReachedRule.of(Stream.of(attempts).toList());
    }

    @Test
    void withoutAttemptsThreePhoneAttemptsAreMissingOneOfThemInTheEvening() {
        NotReachedRule rule = NotReachedRule.of(List.of());

        assertThat(rule.met()).isFalse();
        assertThat(rule.missingPhoneAttempts()).isEqualTo(3);
        assertThat(rule.missingEveningAttempts()).isEqualTo(1);
    }

    @Test
    void twoDaytimeAttemptsLeaveOneMissingWhichMustBeInTheEvening() {
        NotReachedRule rule = rule(attempt("2026-11-25T10:00:00+01:00", Channel.PHONE), attempt("2026-11-25T12:00:00+01:00", Channel.PHONE));

        assertThat(rule.missingPhoneAttempts()).isEqualTo(1);
        assertThat(rule.missingEveningAttempts()).isEqualTo(1);
    }

    @Test
    void threeDaytimeAttemptsStillNeedAnEveningOne() {
        NotReachedRule rule = rule(attempt("2026-11-25T10:00:00+01:00", Channel.PHONE), attempt("2026-11-25T12:00:00+01:00", Channel.PHONE),
                attempt("2026-11-26T10:00:00+01:00", Channel.PHONE));

        assertThat(rule.met()).isFalse();
        assertThat(rule.missingPhoneAttempts()).isEqualTo(1);
        assertThat(rule.missingEveningAttempts()).isEqualTo(1);
    }

    @Test
    void smsAndEmailDoNotCount() {
        NotReachedRule rule = rule(attempt("2026-11-25T18:30:00+01:00", Channel.SMS), attempt("2026-11-25T18:40:00+01:00", Channel.EMAIL),
                attempt("2026-11-25T18:50:00+01:00", Channel.PHONE));

        assertThat(rule.phoneAttempts()).isEqualTo(1);
        assertThat(rule.missingPhoneAttempts()).isEqualTo(2);
        assertThat(rule.missingEveningAttempts()).isZero();
    }

    @Test
    void threePhoneAttemptsOneAtHalfPastSixInStockholmMeetTheRule() {
        NotReachedRule rule = rule(attempt("2026-11-25T10:00:00+01:00", Channel.PHONE), attempt("2026-11-25T12:00:00+01:00", Channel.PHONE),
                attempt("2026-11-25T17:30:00Z", Channel.PHONE));

        assertThat(rule.met()).isTrue();
        assertThat(rule.missingPhoneAttempts()).isZero();
    }
}
