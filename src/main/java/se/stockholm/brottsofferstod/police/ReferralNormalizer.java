package se.stockholm.brottsofferstod.police;

import java.time.Instant;
import java.time.LocalDate;

import se.stockholm.brottsofferstod.intake.Person;
import se.stockholm.brottsofferstod.intake.PoliceReport;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.SupportRequest;
import se.stockholm.brottsofferstod.routing.KnownAge;
import se.stockholm.brottsofferstod.routing.PersonalIdentityNumber;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * Normalizer from a schema-valid police referral to a routed support request. Without consent nothing
 * about the person is carried further: the request holds only what the anonymous count needs.
 */
final class ReferralNormalizer {


    private final Router router;

    ReferralNormalizer(Router router) {
        this.router = router;
    }

    /** @throws InvalidReferralException when the referral breaks a rule the schema cannot express */
    SupportRequest normalize(PoliceReferral referral, String channel, Instant receivedAt) {
        if (!referral.consent().contactConsent()) {
            return new SupportRequest(Source.POLICE, channel, referral.referralId(), receivedAt, null, referral.consent(),
                    null, null, null, null, null);
        }
        LocalDate referralDate = referral.sentAt().atZoneSameInstant(Stockholm.ZONE).toLocalDate();
        Person person = referral.person();
        KnownAge age = KnownAge.UNKNOWN;
        if (person.personalIdentityNumber() != null) {
            PersonalIdentityNumber number;
            try {
                number = PersonalIdentityNumber.parse(person.personalIdentityNumber(), referralDate);
            } catch (PersonalIdentityNumber.InvalidIdentityNumberException e) {
                throw new InvalidReferralException(new Violation("person.personalIdentityNumber", e.getMessage()));
            }
            age = KnownAge.of(number, referralDate);
            person = person.withIdentityNumber(number.normalized());
        } else if (person.birthYear() != null) {
            if (person.birthYear() > referralDate.getYear()) {
                throw new InvalidReferralException(new Violation("person.birthYear", "is after the year the referral was sent"));
            }
            age = KnownAge.ofBirthYear(person.birthYear(), referralDate);
        }
        Person.Address address = person.address();
        RoutingDecision routing = router.route(age, person.district(),
                address != null ? address.postalCode() : null, address != null ? address.city() : null);
        return new SupportRequest(Source.POLICE, channel, referral.referralId(), receivedAt, person, referral.consent(),
                referral.offence(), referral.offence() != null ? referral.offence().description() : null, age.years(),
                new PoliceReport(referral.reportNumber(), referral.policeUnit(), referral.sentAt()), routing);
    }

    /** A rule of the referral broken that the schema cannot check (e.g. the identity number's check digit). */
    static final class InvalidReferralException extends RuntimeException {
        private final transient Violation violation;

        InvalidReferralException(Violation violation) {
            super(violation.field() + ": " + violation.reason());
            this.violation = violation;
        }

        Violation violation() {
            return violation;
        }
    }
}
