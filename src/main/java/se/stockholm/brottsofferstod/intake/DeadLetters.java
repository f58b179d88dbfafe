package se.stockholm.brottsofferstod.intake;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * The dead letter channel's messages: each refused original becomes one message for {@code intake.dlq} with the
 * reason and origin as properties; the {@code intake-dead-letter} route sends one delivery's messages in one JMS
 * transaction, committed before the source is acknowledged.
 */
@Component
public class DeadLetters {

    /** One refused original as it goes to {@code intake.dlq}: the body, and its properties (null ones are left out). */
    public record DeadLetter(String body, String rejectionReason, String source, String channel, String externalId,
                             String item, String fileName, Long deadLetterId) {
    }

    /**
     * @param fileName the inbox file the rejections came from, if any: a malformed file cannot be cut into
     *                 originals, so its message is empty and names the file, which stays in the inbox's .done folder
     * @param deadLetterIds the rows the dead-letter desk keeps of these rejections, in the same order
     */
    public List<DeadLetter> messages(List<Rejection> rejections, @Header("CamelFileName") String fileName,
                                     @Header("deadLetterIds") List<Long> deadLetterIds) {
        List<DeadLetter> messages = new ArrayList<>(rejections.size());
        for (int i = 0; i < rejections.size(); i++) {
            Rejection rejection = rejections.get(i);
            messages.add(new DeadLetter(rejection.payload() != null ? rejection.payload() : "", Rejections.reasonOf(rejection),
                    rejection.source(), rejection.channel(), rejection.externalId(), rejection.item(), fileName,
                    deadLetterIds != null && i < deadLetterIds.size() ? deadLetterIds.get(i) : null));
        }
        return messages;
    }
}
