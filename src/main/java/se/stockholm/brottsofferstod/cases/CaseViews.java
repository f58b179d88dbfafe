package se.stockholm.brottsofferstod.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import se.stockholm.brottsofferstod.routing.Stockholm;

/** What the staff API answers: times with offsets in Europe/Stockholm. */
public final class CaseViews {

    private CaseViews() {
    }

    static OffsetDateTime local(Instant instant) {
        return instant == null ? null : instant.atZone(Stockholm.ZONE).toOffsetDateTime();
    }

    /**
     * One case in a list, with what a queue shows beside it.
     *
     * @param firstAttemptLate    the first contact attempt came, or is still missing, later than the service level allows
     * @param interpreterLanguage the person's language when they need an interpreter
     * @param newMessage          an SMS or mail joined the case after its last contact attempt
     * @param urgent              the person wrote emergency or suicide words: such cases come first
     * @param language            the person's language (chosen, or detected from their words), or {@code null}
     */
    public record Summary(String caseReference, OffsetDateTime receivedAt, CaseStatus status, String partner, String source,
                          String district, Integer age, boolean protectedIdentity, OffsetDateTime firstAttemptAt,
                          boolean firstAttemptLate, String interpreterLanguage, boolean newMessage, boolean urgent,
                          String language) {
        static Summary of(SupportCase c, Instant now, Duration firstAttemptWithin, boolean newMessage) {
            Instant due = c.getReceivedAt().plus(firstAttemptWithin);
            boolean late = c.getFirstAttemptAt() == null ? c.getStatus() != CaseStatus.CLOSED && now.isAfter(due)
                    : c.getFirstAttemptAt().isAfter(due);
            return new Summary(c.getCaseReference(), local(c.getReceivedAt()), c.getStatus(), c.getPartner(), c.getSource(),
                    c.getDistrict(), c.getAgeYears(), c.isProtectedIdentity(), local(c.getFirstAttemptAt()), late,
                    Boolean.TRUE.equals(c.getInterpreterNeeded()) ? c.getPreferredLanguage() : null, newMessage, c.isUrgent(),
                    c.getPreferredLanguage());
        }
    }

    /** One partner's queue at a glance: open cases, open ones past the first-attempt service level, closed as not reached. */
    public record QueueCount(String partner, long open, long late, long notReached) {
    }

    public record Page(List<Summary> cases, int page, int size, long total) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Person(String role, String givenName, String familyName, String personalIdentityNumber, Integer birthYear,
                         Integer age, String gender, String phone, String email, String street, String postalCode,
                         String city, String district, String preferredLanguage, Boolean interpreterNeeded,
                         boolean protectedIdentity) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Offence(String category, LocalDate occurredOn, boolean gangRelated, boolean intimatePartnerViolence,
                          String reportNumber, String policeUnit) {
    }

    public record Message(OffsetDateTime receivedAt, String source, String text) {
    }

    public record Attempt(OffsetDateTime at, ContactAttempt.Channel channel, ContactAttempt.Outcome outcome, String partner,
                          String recordedBy) {
    }

    public record ActionView(OffsetDateTime at, Action.Type type, String partner, String recordedBy) {
    }

    public record LinkView(OffsetDateTime at, String from, String to, String reason, String by) {
    }

    public record History(OffsetDateTime at, String type, String description, String by) {
    }

    /** @param agreement the agreement the case was taken in under and is counted for (config/routing/agreements.yml) */
    public record Routing(String partner, String reason, String district, boolean ageUnknown, String agreement) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Details(String caseReference, OffsetDateTime receivedAt, String source, String channel, CaseStatus status,
                          String partner, boolean urgent, Routing routing, Person person, String consentGivenBy, Offence offence,
                          OffsetDateTime closedAt, String closeOutcome, OffsetDateTime personalDataErasedAt,
                          List<Message> messages, List<Attempt> attempts, List<ActionView> actions, List<LinkView> links,
                          List<History> history) {
    }
}
