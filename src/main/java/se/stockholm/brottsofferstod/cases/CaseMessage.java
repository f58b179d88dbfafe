package se.stockholm.brottsofferstod.cases;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import se.stockholm.brottsofferstod.intake.Consent;
import se.stockholm.brottsofferstod.intake.Offence;
import se.stockholm.brottsofferstod.intake.Person;
import se.stockholm.brottsofferstod.intake.PoliceReport;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.SupportRequest;

/** The body of a case on its partner's queue (contract section 4). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CaseMessage(String caseReference, Instant receivedAt, Source source, String channel, String externalId,
                   Person person, Consent consent, Offence offence, String text, PoliceReport police, Routing routing) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Routing(String partner, String reason, String district, Integer age, boolean ageUnknown) {
    }

    static CaseMessage of(String caseReference, SupportRequest request) {
        var routing = request.routing();
        return new CaseMessage(caseReference, request.receivedAt(), request.source(), request.channel(),
                request.externalId(), request.person(), request.consent(), request.offence(), request.text(),
                request.police(), new Routing(routing.partner(), routing.reason(), routing.district(),
                request.ageYears(), routing.ageUnknown()));
    }
}
