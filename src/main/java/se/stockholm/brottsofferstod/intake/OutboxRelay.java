package se.stockholm.brottsofferstod.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one relay pattern of the service's three outboxes (case messages, mail replies, SMS), used by their routes
 * ({@code case-dispatch}, {@code email-replies}, {@code sms-outgoing}): within the route's database transaction a
 * block of due rows is claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so that the relay of another instance
 * skips them while this one sends them through a Camel producer; a row that went out is deleted or marked sent in the
 * same transaction. A row that still fails after the {@code redelivery} policy's redeliveries waits, twice as
 * long each time, and is tried again; a crash rolls the claim back and frees its rows. No row is lost and none holds
 * up the others.
 */
public final class OutboxRelay {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String table;
    private final String due;

    /**
     * @param due the condition of a row that is due, with one parameter: the time now
     *            (e.g. {@code status = 'PENDING' AND next_attempt_at <= ?})
     */
    public OutboxRelay(JdbcTemplate jdbc, Clock clock, String table, String due) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.table = table;
        this.due = due;
    }

    /** Locks and answers up to {@code block} due rows, oldest first; rows another relay holds are skipped. */
    public <T> List<T> claim(String columns, int block, RowMapper<T> rows) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an outbox is claimed within the relay's transaction");
        }
        return jdbc.query("SELECT " + columns + " FROM " + table + " WHERE " + due + " ORDER BY id FETCH FIRST " + block
                + " ROWS ONLY FOR UPDATE SKIP LOCKED", rows, at(clock.instant()));
    }

    /**
     * Of these rows (ones the caller has just written, to send them itself), those no other relay holds, locked until
     * the caller's transaction ends; the others are skipped.
     */
    public List<Long> claimIds(List<Long> ids) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an outbox is claimed within the relay's transaction");
        }
        return jdbc.queryForList("SELECT id FROM " + table + " WHERE id IN (" + String.join(",", Collections.nCopies(ids.size(), "?"))
                + ") FOR UPDATE SKIP LOCKED", Long.class, ids.toArray());
    }

    /** The row failed for the {@code attempts}-th time: it is due again after a pause that doubles with each failure. */
    public void retryLater(long id, int attempts, Duration first, Duration longest) {
        jdbc.update("UPDATE " + table + " SET attempts = ?, next_attempt_at = ? WHERE id = ?", attempts,
                at(clock.instant().plus(Backoff.after(attempts, first, longest))), id);
    }

    /** Deletes the rows that went out, in one statement per thousand. */
    public void delete(List<Long> ids) {
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 1000));
            jdbc.update("DELETE FROM " + table + " WHERE id IN (" + String.join(",", Collections.nCopies(part.size(), "?")) + ")",
                    part.toArray());
        }
    }

    /** A time as the outboxes' {@code TIMESTAMP WITH TIME ZONE} columns take it. */
    public static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
