package se.stockholm.brottsofferstod.police;

import java.time.OffsetDateTime;

import se.stockholm.brottsofferstod.intake.Consent;
import se.stockholm.brottsofferstod.intake.Offence;
import se.stockholm.brottsofferstod.intake.Person;

/** One police referral as the contract's schema describes it. */
record PoliceReferral(String referralId, OffsetDateTime sentAt, String policeUnit, String reportNumber, Person person,
                      Consent consent, Offence offence) {
}
