package se.stockholm.brottsofferstod.intake;

import java.time.OffsetDateTime;

/** Whether the person (or, for a child, the guardian) agreed to be contacted. */
public record Consent(boolean contactConsent, String givenBy, OffsetDateTime recordedAt) {
}
