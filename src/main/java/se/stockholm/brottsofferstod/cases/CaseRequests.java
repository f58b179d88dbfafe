package se.stockholm.brottsofferstod.cases;

import java.time.OffsetDateTime;

/** The bodies of the staff API's POSTs (contract section 5), also carried by case events. */
public final class CaseRequests {

    private CaseRequests() {
    }

    public record Attempt(OffsetDateTime at, String channel, String outcome) {
    }

    public record ActionTaken(OffsetDateTime at, String type) {
    }

    /** @param at when the case was handed over; optional, now when left out (for links recorded afterwards) */
    public record LinkTo(String to, String reason, OffsetDateTime at) {
    }

    public record Close(OffsetDateTime at, String outcome) {
    }

    public record Assign(String partner) {
    }
}
