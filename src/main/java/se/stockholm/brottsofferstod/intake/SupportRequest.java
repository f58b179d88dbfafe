package se.stockholm.brottsofferstod.intake;

import java.time.Instant;

import se.stockholm.brottsofferstod.routing.RoutingDecision;

/**
 * One incoming message or referral, normalised and routed: what every channel hands to the case store.
 *
 * @param externalId the sender's own id (the police referral id, the gateway's message id, the Message-ID)
 * @param ageYears   the age worked out for routing, or {@code null}
 * @param police     the police's references, or {@code null} for a request that did not come from the police
 * @param urgent     the person wrote emergency or suicide words: first in the staff's queue, high priority on it
 */
public record SupportRequest(Source source, String channel, String externalId, Instant receivedAt, Person person,
                             Consent consent, Offence offence, String text, Integer ageYears, PoliceReport police,
                             RoutingDecision routing, boolean urgent) {

    /** A request that is not urgent. */
    public SupportRequest(Source source, String channel, String externalId, Instant receivedAt, Person person,
                          Consent consent, Offence offence, String text, Integer ageYears, PoliceReport police,
                          RoutingDecision routing) {
        this(source, channel, externalId, receivedAt, person, consent, offence, text, ageYears, police, routing, false);
    }

    public boolean hasConsent() {
        return consent != null && consent.contactConsent();
    }
}
