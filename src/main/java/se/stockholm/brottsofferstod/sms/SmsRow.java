package se.stockholm.brottsofferstod.sms;

/** An SMS in the SMS outbox, as the {@code sms-outgoing} route claims it. */
public record SmsRow(long id, String caseReference, String phone, String message, int attempts) {
}
