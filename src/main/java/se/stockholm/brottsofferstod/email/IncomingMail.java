package se.stockholm.brottsofferstod.email;

import java.time.Instant;
import java.util.List;

/**
 * One incoming mail as the intake needs it.
 *
 * @param externalId  the Message-ID without brackets, or {@code hmac:<hex>}, a keyed hash of the headers, when it has none
 *                    (or one too long to keep): a mail fetched again is known by it
 * @param from        the sender's address, or {@code null}
 * @param subject     the subject, or an empty string
 * @param receivedAt  when our mail server received it (or now)
 * @param references  the Message-IDs it answers (In-Reply-To, then References), without brackets
 * @param text        what the person wrote: the text part (or the HTML part as text), quoted replies taken out
 * @param attachments the parts that are not the text: never opened, only named and measured
 * @param sizeBytes   the whole mail's size as the server counts it, or -1
 * @param oversized   larger than the configured limit: taken with a note, its parts not read in full
 * @param automatic   what kind of machine-written mail it is, or {@code null} for mail from a person
 * @param notMime     why the mail is not valid MIME when it is not (then its text is its body as it stands), else {@code null}
 */
record IncomingMail(String externalId, String from, String subject, Instant receivedAt, List<String> references,
                    String text, List<Attachment> attachments, long sizeBytes, boolean oversized, AutomaticMail automatic,
                    String notMime) {

    /** @param sizeBytes the decoded size, estimated from the size as sent (base64 takes a third more) */
    record Attachment(String name, String contentType, long sizeBytes) {
    }

    boolean isBounce() {
        return automatic != null && automatic.kind() == AutomaticMail.Kind.BOUNCE;
    }
}
