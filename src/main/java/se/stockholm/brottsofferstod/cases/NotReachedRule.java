package se.stockholm.brottsofferstod.cases;

import java.time.Instant;
import java.util.List;

/**
 * The attempt rule before a case may be closed as not reached (seed 002): at least 3 phone attempts, at least one
 * of them in the evening. One implementation for the refusal ({@link CaseRules}) and for the staff pages that say
 * how far a case is from it.
 *
 * @param phoneAttempts        phone attempts recorded so far
 * @param eveningPhoneAttempts those of them in the evening (17:00-21:00 Stockholm time)
 */
public record NotReachedRule(int phoneAttempts, int eveningPhoneAttempts) {

    public static final int PHONE_ATTEMPTS = 3;
    public static final int EVENING_ATTEMPTS = 1;

    /** The rule's state for a case's attempts, as the staff API shows them. */
    public static NotReachedRule of(List<CaseViews.Attempt> attempts) {
        return count(attempts.stream().filter(a -> a.channel() == ContactAttempt.Channel.PHONE).map(a -> a.at().toInstant()).toList());
    }

    static NotReachedRule ofAttempts(List<ContactAttempt> attempts) {
        return count(attempts.stream().filter(a -> a.getChannel() == ContactAttempt.Channel.PHONE).map(ContactAttempt::getAttemptedAt).toList());
    }

    private static NotReachedRule count(List<Instant> phoneAttemptTimes) {
        return new NotReachedRule(phoneAttemptTimes.size(), (int) phoneAttemptTimes.stream().filter(CaseRules::isEvening).count());
    }

    /** Whether the case may now be closed as not reached. */
    public boolean met() {
        return missingPhoneAttempts() == 0 && missingEveningAttempts() == 0;
    }

    /** Phone attempts still to make, counting the evening one that may be missing. */
    public int missingPhoneAttempts() {
        return Math.max(PHONE_ATTEMPTS - phoneAttempts, missingEveningAttempts());
    }

    public int missingEveningAttempts() {
        return Math.max(0, EVENING_ATTEMPTS - eveningPhoneAttempts);
    }
}
