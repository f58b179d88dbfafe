package se.stockholm.brottsofferstod.intake;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why one request, or a whole delivery, was refused.
 *
 * @param source     where the request came from ({@code POLICE}, {@code SMS}, a partner system's queue, ...)
 * @param externalId the sender's id of the request, when it could be read
 * @param item       which part of the delivery (e.g. {@code referral 3}, {@code line 7}); {@code null} for all of it
 * @param field      the offending field as a dotted path ({@code person.role}), or {@code null}
 * @param reason     what was wrong, never the offending value (it may be personal data)
 * @param payload    the original text, for the dead-letter queue only: never stored or logged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(String source, String channel, String externalId, String item, String field, String reason,
                        @JsonIgnore String payload) {

    /** The reason as one line naming the field: {@code person.role: must be one of ...}. */
    public String describe() {
        String where = item != null ? item + (externalId != null ? " (" + externalId + ")" : "") + ": " : "";
        return where + (field != null ? field + ": " : "") + reason;
    }
}
