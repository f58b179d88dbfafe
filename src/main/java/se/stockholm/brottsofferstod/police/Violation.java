package se.stockholm.brottsofferstod.police;

/**
 * One thing wrong with a referral.
 *
 * @param field  dotted path of the offending field ({@code person.role}), or {@code null} for the referral as a whole
 * @param reason what is wrong, never the value
 */
record Violation(String field, String reason) {
}
