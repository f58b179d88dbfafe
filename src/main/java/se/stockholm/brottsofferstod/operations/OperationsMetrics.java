package se.stockholm.brottsofferstod.operations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * The figures that live in the database, counted again by the operations-metrics timer for /actuator/prometheus:
 * what waits in each outbox and for how long, the dead letters not yet dealt with, the cases per source and
 * partner and the first-attempt service level (both from the statistics' daily roll-ups, so never a scan of the
 * cases). Counts only: no personal data.
 */
@Service
public class OperationsMetrics {

    /** The service level is looked at over the cases received in this many days. */
    static final int SERVICE_LEVEL_DAYS = 90;
    private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final GaugeFamily outboxBacklog;
    private final GaugeFamily outboxOldest;
    private final GaugeFamily deadLetters;
    private final GaugeFamily cases;
    private final GaugeFamily serviceLevel;

    /** Every source and holder a case can have, so that each figure is there (0) before its first case. */
    private final Map<Tags, Long> noCases = new LinkedHashMap<>();

    OperationsMetrics(JdbcTemplate jdbc, MeterRegistry meters, Router router, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        List<String> holders = new ArrayList<>(router.partners().ids());
        holders.add(RoutingDecision.TRIAGE);
        holders.add(RoutingDecision.OUTSIDE_AREA);
        for (Source source : Source.values()) {
            holders.forEach(holder -> noCases.put(Tags.of("source", source.name(), "partner", holder), 0L));
        }
        this.outboxBacklog = new GaugeFamily("intake.outbox.backlog",
                "Messages waiting in each outbox (cases to the partner queues, email replies, SMS)", null, meters);
        this.outboxOldest = new GaugeFamily("intake.outbox.oldest", "Age of the oldest message waiting in each outbox",
                "seconds", meters);
        this.deadLetters = new GaugeFamily("intake.dead.letters.open",
                "Dead letters on the desk that no replay has taken in yet", null, meters);
        this.cases = new GaugeFamily("intake.cases", "Cases by source and partner (from the daily roll-ups)", null, meters);
        this.serviceLevel = new GaugeFamily("intake.service.level.first.attempt", "Cases of the last " + SERVICE_LEVEL_DAYS
                + " days by their first contact attempt against the rule: IN_TIME, LATE, NONE (yet)", null, meters);
    }

    /**
     * Counts everything again (the operations-metrics timer). While the database cannot answer the figures keep their
     * last values and one line says so (readiness says which part is down).
     */
    public void refresh() {
        try {
            count();
        } catch (DataAccessException e) {
            log.warn("Operations figures not counted again: the database did not answer ({})", e.getClass().getSimpleName());
        }
    }

    private void count() {
        Instant now = clock.instant();
        record Outbox(String name, long waiting, Timestamp oldest) {
        }
        List<Outbox> outboxes = List.of(
                jdbc.queryForObject("SELECT COUNT(*), MIN(created_at) FROM case_outbox",
                        (rs, i) -> new Outbox("cases", rs.getLong(1), rs.getTimestamp(2))),
                jdbc.queryForObject("SELECT COUNT(*), MIN(created_at) FROM email_reply WHERE status = 'PENDING'",
                        (rs, i) -> new Outbox("email-replies", rs.getLong(1), rs.getTimestamp(2))),
                jdbc.queryForObject("SELECT COUNT(*), MIN(created_at) FROM sms_outgoing",
                        (rs, i) -> new Outbox("sms", rs.getLong(1), rs.getTimestamp(2))));
        Map<Tags, Long> backlog = new LinkedHashMap<>();
        Map<Tags, Long> oldest = new LinkedHashMap<>();
        for (Outbox outbox : outboxes) {
            backlog.put(Tags.of("outbox", outbox.name()), outbox.waiting());
            oldest.put(Tags.of("outbox", outbox.name()),
                    outbox.oldest() == null ? 0 : Math.max(0, Duration.between(outbox.oldest().toInstant(), now).toSeconds()));
        }
        outboxBacklog.update(backlog);
        outboxOldest.update(oldest);

        deadLetters.update(counted("""
                SELECT source, channel, reason_code, COUNT(*) FROM dead_letter
                WHERE last_replay_outcome IS NULL OR last_replay_outcome NOT IN ('ACCEPTED', 'DUPLICATE', 'NO_CONSENT')
                GROUP BY source, channel, reason_code""", List.of("source", "channel", "reason")));
        Map<Tags, Long> byHolder = new LinkedHashMap<>(noCases);
        byHolder.putAll(counted("SELECT source, partner, SUM(cases) FROM statistics_case_day GROUP BY source, partner",
                List.of("source", "partner")));
        cases.update(byHolder);
        Map<Tags, Long> firstAttempts = new LinkedHashMap<>();
        for (String firstAttempt : List.of("IN_TIME", "LATE", "NONE")) {
            firstAttempts.put(Tags.of("first_attempt", firstAttempt), 0L);
        }
        firstAttempts.putAll(counted("""
                SELECT first_attempt, SUM(cases) FROM statistics_case_day WHERE count_day >= ? GROUP BY first_attempt""",
                List.of("first_attempt"), LocalDate.now(Stockholm.ZONE).minusDays(SERVICE_LEVEL_DAYS)));
        serviceLevel.update(firstAttempts);
    }

    /** Rows of tag values and a count (the last column), as tag sets. */
    private Map<Tags, Long> counted(String sql, List<String> tagNames, Object... args) {
        Map<Tags, Long> counted = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            Tags tags = Tags.empty();
            for (int i = 0; i < tagNames.size(); i++) {
                String value = rs.getString(i + 1);
                tags = tags.and(tagNames.get(i), value == null ? "none" : value);
            }
            counted.merge(tags, rs.getLong(tagNames.size() + 1), Long::sum);
        }, args);
        return counted;
    }
}
