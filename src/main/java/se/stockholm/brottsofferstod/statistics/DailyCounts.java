package se.stockholm.brottsofferstod.statistics;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the daily roll-ups (statistics_*_day) in step with the cases: counts every stale day again from the cases,
 * attempts and actions of that day, in one transaction under a database lock, then forgets the marks it handled.
 */
class DailyCounts {

    static final LocalDate EVERY_DAY = LocalDate.of(1, 1, 1);
    private static final Logger log = LoggerFactory.getLogger(DailyCounts.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String withinLimit;

    DailyCounts(JdbcTemplate jdbc, TransactionTemplate transaction, Duration firstAttemptWithin) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.withinLimit = "received_at + INTERVAL '" + firstAttemptWithin.toSeconds() + "' SECOND";
    }

    /** Counts the stale days again; returns how many days were counted. */
    int refresh() {
        return transaction.execute(status -> {
            jdbc.queryForList("SELECT id FROM statistics_refresh_lock WHERE id = 1 FOR UPDATE");
            List<Map<String, Object>> marks = jdbc.queryForList("SELECT id, count_day FROM statistics_stale_day");
            if (marks.isEmpty()) {
                return 0;
            }
            long last = 0;
            TreeSet<LocalDate> days = new TreeSet<>();
            for (Map<String, Object> mark : marks) {
                last = Math.max(last, ((Number) mark.get("id")).longValue());
                days.add(((Date) mark.get("count_day")).toLocalDate());
            }
            if (days.contains(EVERY_DAY)) {
                days = everyDayWithData();
                jdbc.update("DELETE FROM statistics_case_day");
                jdbc.update("DELETE FROM statistics_attempt_day");
                jdbc.update("DELETE FROM statistics_action_day");
            }
            long started = System.nanoTime();
            for (LocalDate day : days) {
                count(day);
            }
            jdbc.update("DELETE FROM statistics_stale_day WHERE id <= ?", last);
            if (days.size() > 1) {
                log.info("Statistics: {} days counted again in {} ms", days.size(), (System.nanoTime() - started) / 1_000_000);
            }
            return days.size();
        });
    }

    private void count(LocalDate day) {
        Date date = Date.valueOf(day);
        OffsetDateTime from = at(new Period(day, day).start());
        OffsetDateTime to = at(new Period(day, day).end());
        jdbc.update("DELETE FROM statistics_case_day WHERE count_day = ?", date);
        jdbc.update("DELETE FROM statistics_attempt_day WHERE count_day = ?", date);
        jdbc.update("DELETE FROM statistics_action_day WHERE count_day = ?", date);
        jdbc.update("""
                INSERT INTO statistics_case_day (count_day, partner, gender, source, crime_category, gang_related,
                    intimate_partner_violence, first_attempt, closed_not_reached, cases)
                SELECT ?, partner, gender, source, crime_category, gang_related, intimate_partner_violence,
                       first_attempt, closed_not_reached, COUNT(*)
                FROM (SELECT partner, gender, source, crime_category, gang_related, intimate_partner_violence,
                             CASE WHEN first_attempt_at IS NULL THEN 'NONE'
                                  WHEN first_attempt_at <= %s THEN 'IN_TIME' ELSE 'LATE' END AS first_attempt,
                             CASE WHEN close_outcome = 'NOT_REACHED' THEN TRUE ELSE FALSE END AS closed_not_reached
                      FROM support_case WHERE received_at >= ? AND received_at < ?) c
                GROUP BY partner, gender, source, crime_category, gang_related, intimate_partner_violence,
                         first_attempt, closed_not_reached""".formatted(withinLimit), date, from, to);
        jdbc.update("""
                INSERT INTO statistics_attempt_day (count_day, partner, person_gender, outcome, attempts)
                SELECT ?, partner, person_gender, outcome, COUNT(*)
                FROM contact_attempt WHERE attempted_at >= ? AND attempted_at < ?
                GROUP BY partner, person_gender, outcome""", date, from, to);
        jdbc.update("""
                INSERT INTO statistics_action_day (count_day, partner, action_type, actions)
                SELECT ?, partner, action_type, COUNT(*)
                FROM case_action WHERE performed_at >= ? AND performed_at < ?
                GROUP BY partner, action_type""", date, from, to);
    }

    /** Every Stockholm day from the first to the last case, attempt or action. */
    private TreeSet<LocalDate> everyDayWithData() {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (String range : List.of("SELECT MIN(received_at), MAX(received_at) FROM support_case",
                "SELECT MIN(attempted_at), MAX(attempted_at) FROM contact_attempt",
                "SELECT MIN(performed_at), MAX(performed_at) FROM case_action")) {
            jdbc.query(range, rs -> {
                OffsetDateTime first = rs.getObject(1, OffsetDateTime.class);
                OffsetDateTime last = rs.getObject(2, OffsetDateTime.class);
                if (first != null) {
                    for (LocalDate d = StaleDays.day(first.toInstant()); !d.isAfter(StaleDays.day(last.toInstant())); d = d.plusDays(1)) {
                        days.add(d);
                    }
                }
            });
        }
        return days;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
