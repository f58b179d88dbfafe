package se.stockholm.brottsofferstod.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.Source;

/**
 * A person's later messages (SMS, email) on their open case: found by a key of the sender's phone number
 * or address (never by searching personal data), added once per message id, and sent on to the partner
 * holding the case.
 */
@Service
public class CaseMessages {

    private static final Logger log = LoggerFactory.getLogger(CaseMessages.class);
    static final String FOLLOW_UP = "FOLLOW_UP";

    /**
     * A message that follows up an open case; {@code text} is stored as given, so mask it first.
     *
     * @param urgent the message holds emergency or suicide words: the case becomes urgent
     */
    public record FollowUp(Source source, String channel, String externalId, Instant receivedAt, String text, boolean urgent) {

        public FollowUp(Source source, String channel, String externalId, Instant receivedAt, String text) {
            this(source, channel, externalId, receivedAt, text, false);
        }
    }

    /** An open case a sender can write to. */
    public record OpenCase(String caseReference, String partner, boolean protectedIdentity, String preferredLanguage) {
    }

    public enum Appended {
        APPENDED,
        /** this message id was taken before (as a follow-up or as the request that opened a case) */
        DUPLICATE,
        /** the case is closed or does not exist: the message should open a new case */
        CASE_NOT_OPEN
    }

    private static final String OPEN_CASE = """
            SELECT case_reference, partner, protected_identity, preferred_language FROM support_case
            WHERE %s AND status <> 'CLOSED' ORDER BY received_at DESC, id DESC""";

    private final JdbcTemplate jdbc;
    private final CaseRepository cases;
    private final HistoryRepository history;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Keys keys;
    private final Clock clock;

    CaseMessages(JdbcTemplate jdbc, CaseRepository cases, HistoryRepository history, Outbox outbox,
                 PlatformTransactionManager transactionManager, Keys keys, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.keys = keys;
        this.cases = cases;
        this.history = history;
        this.outbox = outbox;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** The newest open case of the person with this phone number. */
    public Optional<OpenCase> openCaseForPhone(String phone) {
        String key = keys.phone(phone);
        return key == null ? Optional.empty() : first(OPEN_CASE.formatted("phone_key = ?"), key);
    }

    /** The newest open case of the person with this email address. */
    public Optional<OpenCase> openCaseForEmail(String email) {
        String key = keys.email(email);
        return key == null ? Optional.empty() : first(OPEN_CASE.formatted("email_key = ?"), key);
    }

    /** The case with this reference if it is open and was opened from this email address (the sender's own case). */
    public Optional<OpenCase> openCaseForEmail(String caseReference, String email) {
        String key = keys.email(email);
        if (key == null || caseReference == null) {
            return Optional.empty();
        }
        List<OpenCase> found = jdbc.query(OPEN_CASE.formatted("case_reference = ? AND email_key = ?") + " FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> new OpenCase(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)), caseReference, key);
        return found.stream().findFirst();
    }

    /** The case with this reference if it is open (once the caller has proven the sender may write to it). */
    public Optional<OpenCase> openCase(String caseReference) {
        return caseReference == null ? Optional.empty() : first(OPEN_CASE.formatted("case_reference = ?"), caseReference);
    }

    /** Whether any case of the person with this phone number has a protected identity: nothing may be sent to it. */
    public boolean isProtectedIdentity(String phone) {
        String key = keys.phone(phone);
        return key != null && jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE phone_key = ? AND protected_identity = TRUE",
                Integer.class, key) > 0;
    }

    private Optional<OpenCase> first(String sql, String value) {
        List<OpenCase> found = jdbc.query(sql + " FETCH FIRST 1 ROWS ONLY", (rs, n) -> new OpenCase(rs.getString(1),
                rs.getString(2), rs.getBoolean(3), rs.getString(4)), value);
        return found.stream().findFirst();
    }

    /**
     * Adds the message to the open case, once per message id, and sends it on to the partner's queue. Joins
     * the caller's transaction when there is one.
     */
    public Appended append(String caseReference, FollowUp message) {
        String key = keys.receipt(message.source(), message.externalId());
        try {
            return transaction.execute(status -> appendOnce(caseReference, message, key));
        } catch (DuplicateKeyException concurrentDelivery) {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                throw concurrentDelivery;
            }
            return Appended.DUPLICATE;
        }
    }

    private Appended appendOnce(String caseReference, FollowUp message, String key) {
        Integer seen = jdbc.queryForObject("""
                SELECT (SELECT COUNT(*) FROM case_message WHERE message_key = ?)
                     + (SELECT COUNT(*) FROM referral_receipt WHERE receipt_key = ?)""", Integer.class, key, key);
        if (seen != null && seen > 0) {
            return Appended.DUPLICATE;
        }
        SupportCase c = cases.findByCaseReference(caseReference).orElse(null);
        if (c == null || c.getStatus() == CaseStatus.CLOSED) {
            return Appended.CASE_NOT_OPEN;
        }
        jdbc.update("""
                INSERT INTO case_message (case_id, message_key, source, channel, external_id, received_at, text)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", c.getId(), key, message.source().name(), message.channel(),
                message.externalId(), Timestamp.from(message.receivedAt()), message.text());
        history.save(new HistoryEntry(c.getId(), clock.instant(), FOLLOW_UP,
                "Follow-up message via " + message.source(), message.source().name().toLowerCase(Locale.ROOT)));
        if (message.urgent() && !c.isUrgent()) {
            c.markUrgent();
            history.save(new HistoryEntry(c.getId(), clock.instant(), "URGENT",
                    "Emergency or suicide words in a message via " + message.source(), message.source().name().toLowerCase(Locale.ROOT)));
        }
        outbox.add(List.of(CaseMessage.of(c, "Follow-up message from the person via " + message.source(), FOLLOW_UP)
                .withText(message.text())));
        log.info("Follow-up message via {} added to case {}", message.source(), caseReference);
        return Appended.APPENDED;
    }

    /** The case's first text and every follow-up, oldest first; erased texts are left out. */
    List<CaseViews.Message> messagesOf(SupportCase c) {
        List<CaseViews.Message> messages = new ArrayList<>();
        if (c.getText() != null) {
            messages.add(new CaseViews.Message(CaseViews.local(c.getReceivedAt()), c.getSource(), c.getText()));
        }
        messages.addAll(jdbc.query("""
                SELECT received_at, source, text FROM case_message WHERE case_id = ? AND text IS NOT NULL
                ORDER BY received_at, id""", (rs, n) -> new CaseViews.Message(
                CaseViews.local(rs.getTimestamp(1).toInstant()), rs.getString(2), rs.getString(3)), c.getId()));
        messages.sort(Comparator.comparing(CaseViews.Message::receivedAt));
        return messages;
    }

    /** Of these cases, those an SMS or mail joined after their last contact attempt (or that have none yet). */
    Set<Long> withMessageSinceLastAttempt(List<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return Set.of();
        }
        String ids = String.join(",", Collections.nCopies(caseIds.size(), "?"));
        return new HashSet<>(jdbc.queryForList("""
                SELECT DISTINCT m.case_id FROM case_message m WHERE m.case_id IN (%s)
                AND NOT EXISTS (SELECT 1 FROM contact_attempt a WHERE a.case_id = m.case_id AND a.attempted_at >= m.received_at)"""
                .formatted(ids), Long.class, caseIds.toArray()));
    }
}
