package se.stockholm.brottsofferstod.cases;

/**
 * What became of one request.
 *
 * @param caseReference the new case's reference, or the earlier one's for a duplicate; {@code null} without consent
 */
public record IntakeOutcome(String externalId, Status status, String caseReference) {

    public enum Status { ACCEPTED, DUPLICATE, NO_CONSENT }
}
