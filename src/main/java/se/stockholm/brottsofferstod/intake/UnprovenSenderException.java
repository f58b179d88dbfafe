package se.stockholm.brottsofferstod.intake;

/**
 * A request whose sender did not prove who it is (a webhook signature that is missing or wrong). Anyone can send
 * one, so it is answered 403 and kept nowhere: no rejection record, nothing on the dead-letter queue, no body in
 * the log; only a counter ({@code intake.requests.unproven}) says it happened.
 *
 * @param field  what failed to prove the sender (a header name)
 * @param reason why, never the value sent
 */
public class UnprovenSenderException extends RuntimeException {

    private final String channel;
    private final String field;
    private final String reason;

    public UnprovenSenderException(String channel, String field, String reason) {
        super(channel + ": " + field + " " + reason);
        this.channel = channel;
        this.field = field;
        this.reason = reason;
    }

    public String channel() {
        return channel;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
