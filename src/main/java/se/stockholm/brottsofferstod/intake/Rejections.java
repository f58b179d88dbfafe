package se.stockholm.brottsofferstod.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Stores rejection records: what was refused, when, from which channel and why; never the content, nor a Message-ID. */
@Service
public class Rejections {

    private static final Logger log = LoggerFactory.getLogger(Rejections.class);
    private static final int REASON_LENGTH = 2000;
    private static final int ITEM_LENGTH = 200;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Keys keys;

    Rejections(JdbcTemplate jdbc, Keys keys, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** Records every rejection and gives them back, for the dead-letter step that follows. */
    public List<Rejection> record(List<Rejection> rejections) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate("""
                INSERT INTO rejection (rejected_at, source, channel, external_id, item, reason) VALUES (?, ?, ?, ?, ?, ?)""",
                // a rejection is kept for good: a mail is named by its short keyed id, never by its Message-ID
                rejections.stream().map(r -> new Object[] {now, r.source(), r.channel(), TextFields.storable(keys.forLog(r.source(), r.externalId())),
                        truncate(r.item(), ITEM_LENGTH), truncate(reasonOf(r), REASON_LENGTH)}).toList());
        for (Rejection r : rejections) {
            log.warn("Rejected {} from {} via {} ({}): {}", r.externalId() != null ? keys.forLog(r.source(), r.externalId()) : "request",
                    r.source(), r.channel(), r.item() != null ? r.item() : "whole delivery", reasonOf(r));
        }
        return rejections;
    }

    static String reasonOf(Rejection r) {
        return r.field() != null ? r.field() + ": " + r.reason() : r.reason();
    }

    private static String truncate(String text, int length) {
        String storable = TextFields.storable(text);
        return storable == null || storable.length() <= length ? storable : storable.substring(0, length);
    }
}
