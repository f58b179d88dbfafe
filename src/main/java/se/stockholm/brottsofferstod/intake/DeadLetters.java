package se.stockholm.brottsofferstod.intake;

import java.util.List;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;

import org.apache.camel.Header;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The dead letter channel's sender: each refused original goes to {@code intake.dlq} with the reason and
 * origin as properties. One delivery's rejections go in one JMS transaction (one disk sync, not one per
 * message), committed before the source is acknowledged.
 */
@Component
public class DeadLetters {

    static final String QUEUE = "intake.dlq";

    private final JmsTemplate jms;

    DeadLetters(ConnectionFactory connectionFactory) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
    }

    /**
     * @param fileName the inbox file the rejections came from, if any: a malformed file cannot be cut into
     *                 originals, so its message is empty and names the file, which stays in the inbox's .done folder
     * @param deadLetterIds the rows the dead-letter desk keeps of these rejections, in the same order
     */
    public void send(List<Rejection> rejections, @Header("CamelFileName") String fileName,
                     @Header("deadLetterIds") List<Long> deadLetterIds) {
        jms.execute(session -> {
            try (MessageProducer producer = session.createProducer(session.createQueue(QUEUE))) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 0; i < rejections.size(); i++) {
                    Rejection rejection = rejections.get(i);
                    TextMessage message = session.createTextMessage(rejection.payload() != null ? rejection.payload() : "");
                    message.setStringProperty("rejectionReason", Rejections.reasonOf(rejection));
                    message.setStringProperty("source", rejection.source());
                    message.setStringProperty("channel", rejection.channel());
                    if (rejection.externalId() != null) {
                        message.setStringProperty("externalId", rejection.externalId());
                    }
                    if (rejection.item() != null) {
                        message.setStringProperty("item", rejection.item());
                    }
                    if (fileName != null) {
                        message.setStringProperty("fileName", fileName);
                    }
                    if (deadLetterIds != null && i < deadLetterIds.size()) {
                        message.setLongProperty("deadLetterId", deadLetterIds.get(i));
                    }
                    producer.send(message);
                }
            }
            session.commit();
            return null;
        }, true);
    }
}
