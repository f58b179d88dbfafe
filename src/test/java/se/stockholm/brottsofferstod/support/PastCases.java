package se.stockholm.brottsofferstod.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import se.stockholm.brottsofferstod.cases.CaseIntake;
import se.stockholm.brottsofferstod.cases.IntakeOutcome;
import se.stockholm.brottsofferstod.intake.Consent;
import se.stockholm.brottsofferstod.intake.Offence;
import se.stockholm.brottsofferstod.intake.Person;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.SupportRequest;
import se.stockholm.brottsofferstod.routing.KnownAge;
import se.stockholm.brottsofferstod.routing.Router;

/** Cases that came in at a past time, through the product's own intake and routing, for the statistics' tests. */
public record PastCases(CaseIntake intake, Router router) {

    public static Instant stockholm(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Europe/Stockholm")).toInstant();
    }

    /** Opens the case and answers its reference; {@code age} and {@code district} may be {@code null}. */
    public String open(Instant receivedAt, Integer age, String district, String gender) {
        KnownAge known = age == null ? KnownAge.UNKNOWN : new KnownAge(age, "test");
        Person person = new Person("VICTIM", null, null, null, null, gender, null, null, null, district, null, null, null);
        SupportRequest request = new SupportRequest(Source.POLICE, "test", "past-" + UUID.randomUUID(), receivedAt,
                person, new Consent(true, "SELF", null), new Offence("ASSAULT", null, false, false, null), null,
                known.years(), null, router.route(known, district, null, null));
        IntakeOutcome outcome = intake.open(List.of(request)).get(0);
        assertThat(outcome.status()).isEqualTo(IntakeOutcome.Status.ACCEPTED);
        return outcome.caseReference();
    }
}
