package se.stockholm.brottsofferstod.deadletters;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.Body;
import org.apache.camel.ExchangeException;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

import se.stockholm.brottsofferstod.intake.PersonalDataErased;
import se.stockholm.brottsofferstod.intake.Redeliveries;
import se.stockholm.brottsofferstod.intake.Rejection;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.TextFields;
import se.stockholm.brottsofferstod.routing.Stockholm;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead letters in the database: each refused original with its reason, kept for the coordinator to replay or
 * discard. The original is kept for the keep period only; the reason stays.
 */
@Service
public class DeadLetterStore {

    /** Above this an original is not kept here (it stays on intake.dlq until the keep period ends). */
    static final int MAX_ORIGINAL_CHARS = 1_000_000;
    static final String NOT_DELIVERED = "not-delivered";
    private static final int ERASE_CHUNK = 500;
    private static final Logger log = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final String COLUMNS = """
            id, dead_lettered_at, source, channel, external_id, item, field, reason, original IS NOT NULL,
            original_erased_at, replays, last_replayed_at, last_replayed_by, last_replay_outcome, last_replay_case""";

    private final JdbcTemplate jdbc;
    private final DeadLetterQueue queue;
    private final MeterRegistry meters;
    private final JsonMapper json = JsonMapper.builder().build();

    private final Duration keepOriginal;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    DeadLetterStore(JdbcTemplate jdbc, DeadLetterQueue queue, MeterRegistry meters,
                    @Value("${intake.dead-letters.keep-original}") Duration keepOriginal, Clock clock,
                    ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.keepOriginal = keepOriginal;
        this.queue = queue;
        this.meters = meters;
    }

    /**
     * Keeps the refused originals of one delivery; their ids, in order, for the queue's copies. One the consumers'
     * redelivery policy gave up on (it names its redeliveries) is kept as not delivered, not as refused.
     */
    public List<Long> keep(@Body List<Rejection> rejections, @Header(Redeliveries.HEADER) Integer redeliveries) {
        List<Long> ids = new ArrayList<>(rejections.size());
        Instant now = clock.instant();
        for (Rejection r : rejections) {
            String code = redeliveries != null ? NOT_DELIVERED : r.field() != null ? "field:" + r.field() : "refused";
            ids.add(insert(now, r.source(), r.channel(), r.externalId(), r.item(), r.field(), code, r.reason(), r.payload()));
        }
        return ids;
    }

    /**
     * Keeps a message the broker moved to intake.dlq itself (its delivery attempts ran out: a failure on our side,
     * e.g. the database was down), or one sent there before the desk existed; its id, for the queue's copy.
     */
    public long keepFromBroker(@Body String original, @Headers Map<String, Object> headers) {
        String reason = text(headers.get("rejectionReason"));
        Rejection origin = origin(original, headers, reason);
        String code = reason != null ? "refused" : NOT_DELIVERED;
        return insert(clock.instant(), origin.source(), origin.channel(), origin.externalId(), origin.item(), null, code,
                origin.reason(), original);
    }

    /** Where a message on intake.dlq came from, as its properties (or its queue and content) tell, and why it is there. */
    private Rejection origin(String original, Map<String, Object> headers, String reason) {
        String fromQueue = text(headers.get("_AMQ_ORIG_ADDRESS"));
        boolean policeQueue = "referrals.police".equals(fromQueue);
        String source = text(headers.get("source"));
        if (source == null) {
            source = policeQueue ? Source.POLICE.name() : "BROKER";
        }
        String channel = text(headers.get("channel"));
        if (channel == null) {
            channel = policeQueue ? "JMS" : fromQueue != null ? fromQueue : "unknown";
        }
        String externalId = text(headers.get("externalId"));
        if (externalId == null && Source.POLICE.name().equals(source)) {
            externalId = referralIdOf(original);
        }
        if (reason == null) {
            reason = "not taken after the broker's delivery attempts" + (fromQueue != null ? " from " + fromQueue : "")
                    + " (a failure on our side, see the log at that time); replay it once the cause is fixed";
        }
        return new Rejection(source, channel, externalId, text(headers.get("item")), null, reason, original);
    }

    /**
     * The dead letter of a message on intake.dlq that the desk failed to keep however often the route tried it
     * (redelivery), with its origin as the broker gave it: kept through the dead letter channel instead, its
     * reason saying so.
     */
    public List<Rejection> exhausted(@Body String original, @Headers Map<String, Object> headers,
                                     @ExchangeException Exception cause) {
        Rejection origin = origin(original, headers, null);
        return List.of(new Rejection(origin.source(), origin.channel(), origin.externalId(), origin.item(), null,
                "the dead-letter desk could not keep it: " + Redeliveries.reason(cause, (Integer) headers.get(Redeliveries.HEADER)),
                original));
    }

    private long insert(Instant at, String source, String channel, String externalId, String item, String field,
                        String reasonCode, String reason, String original) {
        String kept = TextFields.storable(original);
        boolean keepOriginal = kept != null && !kept.isEmpty() && kept.length() <= MAX_ORIGINAL_CHARS;
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO dead_letter (dead_lettered_at, source, channel, external_id, item, field, reason_code, reason,
                                             original, replays) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", new String[] {"id"});
            insert.setTimestamp(1, Timestamp.from(at));
            insert.setString(2, truncate(TextFields.storable(source), 40));
            insert.setString(3, truncate(TextFields.storable(channel), 60));
            insert.setString(4, truncate(TextFields.storable(externalId), 128));
            insert.setString(5, truncate(TextFields.storable(item), 200));
            insert.setString(6, truncate(TextFields.storable(field), 200));
            insert.setString(7, truncate(TextFields.storable(reasonCode), 200));
            insert.setString(8, truncate(TextFields.storable(reason), 2000));
            insert.setString(9, keepOriginal ? kept : null);
            return insert;
        }, key);
        Counter.builder("intake.dead.letters").description("Dead letters, by where they came from and why")
                .tag("source", source).tag("channel", channel).tag("reason", truncate(reasonCode, 200))
                .register(meters).increment();
        return key.getKeyAs(Number.class).longValue();
    }

    /** The newest dead letters first, optionally of one source ({@code POLICE}, {@code SMS}, {@code EMAIL}, ...). */
    public List<DeadLetter> list(String source, int limit) {
        String where = source != null ? "WHERE source = ? " : "";
        Object[] args = source != null ? new Object[] {source} : new Object[0];
        return jdbc.query("SELECT " + COLUMNS + " FROM dead_letter " + where + "ORDER BY id DESC FETCH FIRST " + limit
                + " ROWS ONLY", this::deadLetter, args);
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?", this::deadLetter, id).stream().findFirst();
    }

    /** The original, while it is kept: for a replay only, never shown. */
    Optional<String> original(long id) {
        return jdbc.queryForList("SELECT original FROM dead_letter WHERE id = ? AND original IS NOT NULL", String.class, id)
                .stream().findFirst();
    }

    void recordReplay(long id, String by, String outcome, String caseReference) {
        jdbc.update("""
                UPDATE dead_letter SET replays = replays + 1, last_replayed_at = ?, last_replayed_by = ?,
                       last_replay_outcome = ?, last_replay_case = ? WHERE id = ?""",
                Timestamp.from(clock.instant()), by, outcome, caseReference, id);
    }

    /** Removes the dead letter and its copy on the queue; whether it was there. */
    boolean discard(long id) {
        boolean removed = jdbc.update("DELETE FROM dead_letter WHERE id = ?", id) > 0;
        if (removed && queue.remove(List.of(id)) > 0) {
            events.publishEvent(new PersonalDataErased(1, "discarding a dead letter"));
        }
        return removed;
    }

    /**
     * Erases the originals that are older than the keep period, here and on intake.dlq; the reasons stay. Called by
     * the dead-letter-retention timer.
     */
    public int eraseOriginals() {
        Instant cutoff = clock.instant().minus(keepOriginal);
        List<Long> ids = jdbc.queryForList("""
                SELECT id FROM dead_letter WHERE original_erased_at IS NULL AND dead_lettered_at < ?""", Long.class,
                Timestamp.from(cutoff));
        Timestamp now = Timestamp.from(clock.instant());
        int withdrawn = 0;
        for (int from = 0; from < ids.size(); from += ERASE_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ERASE_CHUNK));
            // the queue's copies first: a row marked erased has none left there
            withdrawn += queue.remove(chunk);
            jdbc.batchUpdate("UPDATE dead_letter SET original = NULL, original_erased_at = ? WHERE id = ?",
                    chunk.stream().map(id -> new Object[] {now, id}).toList());
        }
        // copies whose row is gone or never was (sent before the desk existed)
        int older = queue.removeOlderThan(cutoff);
        if (!ids.isEmpty() || withdrawn + older > 0) {
            events.publishEvent(new PersonalDataErased(Math.max(ids.size(), withdrawn + older), "erasing dead letters' originals"));
        }
        if (!ids.isEmpty() || older > 0) {
            log.info("Dead letters: erased the originals of {} older than {}, and {} more copies on {}; the reasons stay",
                    ids.size(), keepOriginal, older, DeadLetterQueue.QUEUE);
        }
        return ids.size();
    }

    private DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        DeadLetter.Replay replay = rs.getTimestamp(12) == null ? null
                : new DeadLetter.Replay(time(rs.getTimestamp(12)), rs.getString(13), rs.getString(14), rs.getString(15));
        return new DeadLetter(rs.getLong(1), time(rs.getTimestamp(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), time(rs.getTimestamp(10)), rs.getInt(11),
                replay);
    }

    private static OffsetDateTime time(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().atZone(Stockholm.ZONE).toOffsetDateTime();
    }

    private String referralIdOf(String original) {
        try {
            JsonNode id = json.readTree(original).path("referralId");
            return id.isString() && id.asString().length() <= 64 ? id.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
