package se.stockholm.brottsofferstod.deadletters;

import java.time.Instant;
import java.util.Collection;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The broker's copy of the dead letters ({@code intake.dlq}): each message carries the {@code deadLetterId} of its
 * row, so that a discarded dead letter, or one whose original has been erased, leaves the queue too.
 */
@Component
class DeadLetterQueue {

    static final String QUEUE = "intake.dlq";
    static final String ID_PROPERTY = "deadLetterId";
    private static final int BATCH = 500;

    private final JmsTemplate jms;

    DeadLetterQueue(ConnectionFactory connectionFactory) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
    }

    /** Takes the messages of these dead letters off the queue; how many there were. */
    int remove(Collection<Long> ids) {
        Integer removed = jms.execute(session -> {
            int count = 0;
            int done = 0;
            for (Long id : ids) {
                count += drain(session, ID_PROPERTY + " = " + id);
                if (++done % BATCH == 0) {
                    session.commit();
                }
            }
            session.commit();
            return count;
        }, true);
        return removed == null ? 0 : removed;
    }

    /** Takes the messages put on the queue before this moment off it (their originals' keep period is over). */
    int removeOlderThan(Instant cutoff) {
        Integer removed = jms.execute(session -> {
            int count = drain(session, "JMSTimestamp < " + cutoff.toEpochMilli());
            session.commit();
            return count;
        }, true);
        return removed == null ? 0 : removed;
    }

    /** Artemis answers receiveNoWait only once the broker has delivered what it holds: an empty answer means none left. */
    private static int drain(Session session, String selector) throws JMSException {
        int count = 0;
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE), selector)) {
            while (consumer.receiveNoWait() != null) {
                count++;
            }
        }
        return count;
    }
}
