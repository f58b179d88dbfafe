package se.stockholm.brottsofferstod.cases;

/**
 * A case message in the outbox, as the {@code case-dispatch} route sends it: the body to the queue of its partner,
 * the rest as JMS properties; the message id is the broker's duplicate-detection id ({@code _AMQ_DUPL_ID}).
 */
public record CaseOutboxRow(long id, String messageId, String caseReference, String partner, String source, String body,
                            String agreement, boolean urgent, String language, int attempts) {

    /** JMS priorities: an urgent case (emergency or suicide words) is delivered before the others on its queue. */
    static final int URGENT_PRIORITY = 9;
    static final int NORMAL_PRIORITY = 4;

    /** The same row with its message (built from the case row for a row stored without one). */
    CaseOutboxRow withBody(String message) {
        return new CaseOutboxRow(id, messageId, caseReference, partner, source, message, agreement, urgent, language, attempts);
    }

    public int priority() {
        return urgent ? URGENT_PRIORITY : NORMAL_PRIORITY;
    }
}
