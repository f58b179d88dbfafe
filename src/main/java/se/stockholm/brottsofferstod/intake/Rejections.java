package se.stockholm.brottsofferstod.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.Headers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Stores rejection records: what was refused, when, from which channel and why; never the content. */
@Service
public class Rejections {

    private static final Logger log = LoggerFactory.getLogger(Rejections.class);
    private static final int REASON_LENGTH = 2000;
    private static final int ITEM_LENGTH = 200;
    /** Camel's header for the file an exchange came from. */
    private static final String FILE_NAME = "CamelFileName";

    private final JdbcTemplate jdbc;

    Rejections(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records every rejection and gives them back, for the dead-letter step that follows. */
    public List<Rejection> record(List<Rejection> rejections) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("""
                INSERT INTO rejection (rejected_at, source, channel, external_id, item, reason) VALUES (?, ?, ?, ?, ?, ?)""",
                rejections.stream().map(r -> new Object[] {now, r.source(), r.channel(), r.externalId(),
                        truncate(r.item(), ITEM_LENGTH), truncate(reasonOf(r), REASON_LENGTH)}).toList());
        for (Rejection r : rejections) {
            log.warn("Rejected {} from {} via {} ({}): {}", r.externalId() != null ? r.externalId() : "request",
                    r.source(), r.channel(), r.item() != null ? r.item() : "whole delivery", reasonOf(r));
        }
        return rejections;
    }

    /**
     * Turns one rejection into its dead-letter message: the original as the body (empty when it was never
     * taken, such as an oversized body, or cannot be cut out of a malformed file, which stays in the
     * inbox's .done folder named by the {@code fileName} property), the reason and origin as properties.
     */
    public String asDeadLetter(Rejection rejection, @Headers Map<String, Object> headers) {
        Object fileName = headers.get(FILE_NAME);
        headers.clear();
        if (fileName != null) {
            headers.put("fileName", fileName);
        }
        headers.put("rejectionReason", reasonOf(rejection));
        headers.put("source", rejection.source());
        headers.put("channel", rejection.channel());
        if (rejection.externalId() != null) {
            headers.put("externalId", rejection.externalId());
        }
        if (rejection.item() != null) {
            headers.put("item", rejection.item());
        }
        return rejection.payload() != null ? rejection.payload() : "";
    }

    private static String reasonOf(Rejection r) {
        return r.field() != null ? r.field() + ": " + r.reason() : r.reason();
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
