package se.stockholm.brottsofferstod.cases;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;

/**
 * Sends the outbox's case messages to the partners' queues (transactional outbox, guaranteed delivery).
 * A block of messages goes in one JMS transaction, committed before its outbox rows are deleted: a crash
 * in between sends the block again, and the broker's duplicate detection drops the repeats. A block the
 * broker refuses as holding a repeat is sent again one message at a time, so a repeat never blocks the rest.
 */
@Service
public class CaseDispatcher {

    /** Artemis's duplicate-detection property. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final Logger log = LoggerFactory.getLogger(CaseDispatcher.class);
    private static final int BLOCK = 500;
    /** JMS priorities: an urgent case (emergency or suicide words) is delivered before the others on its queue. */
    static final int URGENT_PRIORITY = 9;
    static final int NORMAL_PRIORITY = 4;

    private final JdbcTemplate jdbc;
    private final JmsTemplate jms;

    CaseDispatcher(JdbcTemplate jdbc, ConnectionFactory connectionFactory) {
        this.jdbc = jdbc;
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
    }

    private record Pending(long id, String messageId, String caseReference, String queue, String partner, String source,
                           String body, String agreement, boolean urgent, String language) {
    }

    /** Sends everything waiting in the outbox; answers how many messages went out. Called by the case-dispatch route. */
    public synchronized int dispatchPending() {
        int sent = 0;
        List<Pending> block;
        do {
            block = jdbc.query("""
                    SELECT id, message_id, case_reference, queue_name, partner, source, body, agreement, urgent, language
                    FROM case_outbox ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(BLOCK),
                    (rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getString(10)));
            if (!block.isEmpty()) {
                try {
                    send(block);
                } catch (JmsException e) {
                    if (!isDuplicate(e)) {
                        throw e;
                    }
                    sendOneByOne(block);
                }
                delete(block);
                sent += block.size();
            }
        } while (block.size() == BLOCK);
        if (sent > 0) {
            log.debug("Dispatched {} case messages", sent);
        }
        return sent;
    }

    private void sendOneByOne(List<Pending> block) {
        for (Pending pending : block) {
            try {
                send(List.of(pending));
            } catch (JmsException e) {
                if (!isDuplicate(e)) {
                    throw e;
                }
                log.warn("Message {} of case {} was on {} already (a repeat after a restart): not sent again",
                        pending.messageId(), pending.caseReference(), pending.queue());
            }
        }
    }

    private void delete(List<Pending> sent) {
        jdbc.batchUpdate("DELETE FROM case_outbox WHERE id = ?", sent.stream().map(p -> new Object[] {p.id()}).toList());
    }

    private void send(List<Pending> block) {
        jms.execute(session -> {
            Map<String, MessageProducer> producers = new HashMap<>();
            try {
                for (Pending pending : block) {
                    MessageProducer producer = producers.computeIfAbsent(pending.queue(), queue -> producer(session, queue));
                    TextMessage message = session.createTextMessage(pending.body());
                    message.setStringProperty("caseReference", pending.caseReference());
                    message.setStringProperty("partner", pending.partner());
                    message.setStringProperty("source", pending.source());
                    message.setStringProperty("agreement", pending.agreement());
                    message.setBooleanProperty("urgent", pending.urgent());
                    if (pending.language() != null) {
                        message.setStringProperty("language", pending.language());
                    }
                    message.setStringProperty(DUPLICATE_ID, pending.messageId());
                    producer.send(message, DeliveryMode.PERSISTENT, pending.urgent() ? URGENT_PRIORITY : NORMAL_PRIORITY, 0);
                }
                session.commit();
            } finally {
                for (MessageProducer producer : producers.values()) {
                    producer.close();
                }
            }
            return null;
        }, true);
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    private static MessageProducer producer(Session session, String queue) {
        try {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            return producer;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot send to queue " + queue, e);
        }
    }
}
