package se.stockholm.brottsofferstod.cases;

import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.annotation.JsonInclude;

import se.stockholm.brottsofferstod.intake.Consent;
import se.stockholm.brottsofferstod.intake.Offence;
import se.stockholm.brottsofferstod.intake.Person;
import se.stockholm.brottsofferstod.intake.PoliceReport;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.SupportRequest;

/**
 * The body of a case on its partner's queue (contract section 4).
 *
 * @param urgent {@code true} when the person wrote emergency or suicide words (left out otherwise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CaseMessage(String caseReference, Instant receivedAt, Source source, String channel, String externalId,
                   Person person, Consent consent, Offence offence, String text, PoliceReport police, Routing routing,
                   String event, Boolean urgent) {

    boolean isUrgent() {
        return Boolean.TRUE.equals(urgent);
    }

    /** The person's language as the queue message's property says it, or {@code null}. */
    String language() {
        return person == null ? null : person.preferredLanguage();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Routing(String partner, String reason, String district, Integer age, boolean ageUnknown, String agreement) {
    }

    static CaseMessage of(String caseReference, SupportRequest request) {
        var routing = request.routing();
        return new CaseMessage(caseReference, request.receivedAt(), request.source(), request.channel(),
                request.externalId(), request.person(), request.consent(), request.offence(), request.text(),
                request.police(), new Routing(routing.partner(), routing.reason(), routing.district(),
                request.ageYears(), routing.ageUnknown(), routing.agreement()), null, request.urgent() ? Boolean.TRUE : null);
    }

    /** The same message with another text (a follow-up's instead of the case's first). */
    CaseMessage withText(String newText) {
        return new CaseMessage(caseReference, receivedAt, source, channel, externalId, person, consent, offence, newText,
                police, routing, event, urgent);
    }

    /**
     * The message of a case just opened, built from its stored row: what the outbox relay sends for a row without a
     * body (the intake's own send after its commit did not happen). The same as {@link #of(String, SupportRequest)}
     * gave, but for what the case row does not keep as sent: a missing gender is {@code UNKNOWN}, a missing yes/no
     * (protected identity, gang-related, violence in a close relationship) is {@code false}, times are in UTC.
     */
    static CaseMessage opened(SupportCase c) {
        CaseMessage message = of(c, c.getRoutingReason(), null);
        Offence offence = message.offence();
        boolean police = Source.POLICE.name().equals(c.getSource());
        return new CaseMessage(message.caseReference(), message.receivedAt(), message.source(), message.channel(),
                message.externalId(), message.person(), new Consent(true, c.getConsentGivenBy(),
                c.getConsentRecordedAt() == null ? null : c.getConsentRecordedAt().atOffset(ZoneOffset.UTC)),
                police || offence.category() != null ? new Offence(offence.category(), offence.occurredOn(),
                        offence.gangRelated(), offence.intimatePartnerViolence(), police ? c.getText() : null) : null,
                message.text(), message.police() == null ? null : new PoliceReport(c.getReportNumber(), c.getPoliceUnit(),
                        c.getSentAt() == null ? null : c.getSentAt().atOffset(ZoneOffset.UTC)),
                message.routing(), null, message.urgent());
    }

    /**
     * The stored case as a message again, for a partner it is handed to or reminded of.
     *
     * @param event why the case is sent again ({@code LINKED}, {@code ASSIGNED}, {@code REMINDER})
     */
    static CaseMessage of(SupportCase c, String reason, String event) {
        Person.Address address = c.getStreet() == null && c.getPostalCode() == null && c.getCity() == null ? null
                : new Person.Address(c.getStreet(), c.getPostalCode(), c.getCity());
        Person person = new Person(c.getPersonRole(), c.getGivenName(), c.getFamilyName(), c.getPersonalIdentityNumber(),
                c.getBirthYear(), c.getGender(), c.getPhone(), c.getEmail(), address, c.getDistrictText(),
                c.getPreferredLanguage(), c.getInterpreterNeeded(), c.isProtectedIdentity());
        Offence offence = new Offence(c.getCrimeCategory(), c.getOffenceOccurredOn(), c.isGangRelated(),
                c.isIntimatePartnerViolence(), null);
        PoliceReport police = c.getReportNumber() == null && c.getPoliceUnit() == null ? null
                : new PoliceReport(c.getReportNumber(), c.getPoliceUnit(), null);
        return new CaseMessage(c.getCaseReference(), c.getReceivedAt(), Source.valueOf(c.getSource()), c.getChannel(),
                c.getExternalId(), person, new Consent(true, c.getConsentGivenBy(), null), offence, c.getText(), police,
                new Routing(c.getPartner(), reason, c.getDistrict(), c.getAgeYears(), c.isAgeUnknown(), c.getAgreement()), event,
                c.isUrgent() ? Boolean.TRUE : null);
    }
}
