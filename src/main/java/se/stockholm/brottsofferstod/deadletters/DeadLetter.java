package se.stockholm.brottsofferstod.deadletters;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One dead letter as the coordinator sees it: where it came from, why it was refused, and what was done with it;
 * never the original (it may hold personal data).
 *
 * @param originalKept whether the original is still kept (it can be replayed); erased after the keep period
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(long id, OffsetDateTime deadLetteredAt, String source, String channel, String externalId,
                         String item, String field, String reason, boolean originalKept, OffsetDateTime originalErasedAt,
                         int replays, Replay lastReplay) {

    /** The last replay: when, by whom, with what outcome ({@code ACCEPTED}, {@code DUPLICATE}, {@code REFUSED}, ...). */
    public record Replay(OffsetDateTime at, String by, String outcome, String caseReference) {
    }
}
