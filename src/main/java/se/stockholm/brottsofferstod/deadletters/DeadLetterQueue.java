package se.stockholm.brottsofferstod.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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

    private final JmsTemplate jms;

    DeadLetterQueue(ConnectionFactory connectionFactory) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
    }

    /**
     * Takes the messages of these dead letters off the queue; how many there were. Ids that follow each other (as the
     * ones past the keep period do) go in one sweep with one selector, not one sweep per id.
     */
    int remove(Collection<Long> ids) {
        List<long[]> runs = runs(ids);
        Integer removed = jms.execute(session -> {
            int count = 0;
            for (long[] run : runs) {
                count += drain(session, run[0] == run[1] ? ID_PROPERTY + " = " + run[0]
                        : ID_PROPERTY + " BETWEEN " + run[0] + " AND " + run[1]);
                session.commit();
            }
            return count;
        }, true);
        return removed == null ? 0 : removed;
    }

    /** The ids as runs of consecutive numbers, {first, last}. */
    static List<long[]> runs(Collection<Long> ids) {
        List<long[]> runs = new ArrayList<>();
        ids.stream().sorted().distinct().forEach(id -> {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] + 1 == id) {
                last[1] = id;
            } else {
                runs.add(new long[] {id, id});
            }
        });
        return runs;
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
