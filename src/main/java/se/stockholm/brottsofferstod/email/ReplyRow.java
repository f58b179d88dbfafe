package se.stockholm.brottsofferstod.email;

/** A reply in the reply outbox, as the {@code email-replies} route claims it (the address only until it is sent). */
public record ReplyRow(long id, String caseReference, String kind, String partner, String language, String recipient,
                       String inReplyTo, int attempts) {
}
