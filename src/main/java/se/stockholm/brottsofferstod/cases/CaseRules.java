package se.stockholm.brottsofferstod.cases;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * The partnership's rules for working a case (seed 002 and the contract), as plain functions: the
 * evening, the attempt rule before giving up, protected identity, and links under the age rule.
 */
final class CaseRules {

    private static final LocalTime EVENING_STARTS = LocalTime.of(17, 0);
    private static final LocalTime EVENING_ENDS = LocalTime.of(21, 0);

    private final String youthPartner;
    private final int ageLimit;

    CaseRules(String youthPartner, int ageLimit) {
        this.youthPartner = youthPartner;
        this.ageLimit = ageLimit;
    }

    /** 17:00 up to (not including) 21:00 in Stockholm, whatever the offset of the day (summer or winter time). */
    static boolean isEvening(Instant at) {
        LocalTime local = at.atZone(Stockholm.ZONE).toLocalTime();
        return !local.isBefore(EVENING_STARTS) && local.isBefore(EVENING_ENDS);
    }

    /** Why a case may not yet be closed as not reached, or empty when it may: ≥ 3 phone attempts, ≥ 1 of them in the evening. */
    static Optional<String> whyNotYetNotReached(List<ContactAttempt> attempts) {
        NotReachedRule rule = NotReachedRule.ofAttempts(attempts);
        if (!rule.met()) {
            return Optional.of("A case may be closed as NOT_REACHED only after at least %d phone attempts, at least one of them in the evening (17:00-21:00); this case has %d phone attempts, %s in the evening"
                    .formatted(NotReachedRule.PHONE_ATTEMPTS, rule.phoneAttempts(), rule.eveningPhoneAttempts() > 0 ? "one or more" : "none"));
        }
        return Optional.empty();
    }

    /** A person with protected identity is contacted by phone or meeting only: no SMS, email or video link. */
    static Optional<String> whyChannelRefused(boolean protectedIdentity, ContactAttempt.Channel channel) {
        if (protectedIdentity && channel != ContactAttempt.Channel.PHONE && channel != ContactAttempt.Channel.MEETING) {
            return Optional.of("The person has a protected identity (skyddad identitet): contact by PHONE or MEETING only, not " + channel);
        }
        return Optional.empty();
    }

    /** Why a link to {@code to} is refused, or empty: not to the holder itself, and not against the age rule without a reason. */
    Optional<String> whyLinkRefused(String holder, Integer age, String to, String reason) {
        if (to.equals(holder)) {
            return Optional.of("The case is already held by " + to);
        }
        boolean hasReason = reason != null && !reason.isBlank();
        if (age != null && !hasReason) {
            boolean young = age < ageLimit;
            boolean toYouth = youthPartner.equals(to);
            if (young != toYouth) {
                return Optional.of("The person is %d, so the age rule sends the case to %s; give a reason to link it to %s"
                        .formatted(age, young ? youthPartner : "a jour", to));
            }
        }
        return Optional.empty();
    }

    boolean isYouthPartner(String partner) {
        return youthPartner.equals(partner);
    }
}
