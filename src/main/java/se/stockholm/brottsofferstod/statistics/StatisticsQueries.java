package se.stockholm.brottsofferstod.statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statistics' reads: every figure is counted by the database, never by loading cases. Cases, attempts and
 * actions are summed from the daily roll-ups ({@link DailyCounts}); handovers, links and anonymous referrals,
 * which are few, from their own tables. Every figure is one agreement's (config/routing/agreements.yml): the cases
 * taken in under it, and the attempts, actions and links on those cases. Portable SQL for H2 and PostgreSQL.
 */
class StatisticsQueries {

    private final JdbcTemplate jdbc;
    private final long firstAttemptWithinSeconds;

    StatisticsQueries(JdbcTemplate jdbc, Duration firstAttemptWithin) {
        this.jdbc = jdbc;
        this.firstAttemptWithinSeconds = firstAttemptWithin.toSeconds();
    }

    record CaseGroup(String partner, String gender, String source, String category, boolean gangRelated,
                     boolean intimatePartnerViolence, long cases) {
    }

    /** A handover of a case received in the period, in the order they happened per case. */
    record Handover(long caseId, String partnerNow, String gender, String category, boolean gangRelated,
                    boolean intimatePartnerViolence, String fromPartner, String toPartner, Instant at) {
    }

    record AttemptGroup(String partner, String gender, String outcome, long attempts) {
    }

    record ActionGroup(String partner, String type, long actions) {
    }

    record LinkGroup(String fromPartner, String toPartner, long links) {
    }

    record ServiceLevelCounts(long withinLimit, long late, long missing, long pending, long closedNotReached) {
    }

    /** Cases of the agreement received in the period, from the daily roll-up. */
    List<CaseGroup> cases(Period period, String agreement) {
        return jdbc.query("""
                SELECT partner, gender, source, crime_category, gang_related, intimate_partner_violence, SUM(cases) AS n
                FROM statistics_case_day WHERE count_day >= ? AND count_day <= ? AND agreement = ?
                GROUP BY partner, gender, source, crime_category, gang_related, intimate_partner_violence""",
                (rs, i) -> new CaseGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getLong(7)),
                days(period, agreement));
    }

    List<Handover> handovers(Period period, String agreement) {
        return jdbc.query("""
                SELECT c.id, c.partner, c.gender, c.crime_category, c.gang_related, c.intimate_partner_violence,
                       l.from_partner, l.to_partner, l.linked_at
                FROM support_case c JOIN case_link l ON l.case_id = c.id
                WHERE c.received_at >= ? AND c.received_at < ? AND c.agreement = ?
                ORDER BY c.id, l.linked_at, l.id""",
                (rs, i) -> new Handover(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class).toInstant()),
                at(period.start()), at(period.end()), agreement);
    }

    List<AttemptGroup> attempts(Period period, String agreement) {
        return jdbc.query("""
                SELECT partner, person_gender, outcome, SUM(attempts) AS n
                FROM statistics_attempt_day WHERE count_day >= ? AND count_day <= ? AND agreement = ?
                GROUP BY partner, person_gender, outcome""",
                (rs, i) -> new AttemptGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                days(period, agreement));
    }

    List<ActionGroup> actions(Period period, String agreement) {
        return jdbc.query("""
                SELECT partner, action_type, SUM(actions) AS n
                FROM statistics_action_day WHERE count_day >= ? AND count_day <= ? AND agreement = ?
                GROUP BY partner, action_type""",
                (rs, i) -> new ActionGroup(rs.getString(1), rs.getString(2), rs.getLong(3)),
                days(period, agreement));
    }

    List<LinkGroup> links(Period period, String agreement) {
        return jdbc.query("""
                SELECT l.from_partner, l.to_partner, COUNT(*) AS n
                FROM case_link l JOIN support_case c ON c.id = l.case_id
                WHERE l.kind = 'LINK' AND l.linked_at >= ? AND l.linked_at < ? AND c.agreement = ?
                GROUP BY l.from_partner, l.to_partner""",
                (rs, i) -> new LinkGroup(rs.getString(1), rs.getString(2), rs.getLong(3)),
                at(period.start()), at(period.end()), agreement);
    }

    long noConsentReferrals(Period period) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM referral_receipt
                WHERE status = 'NO_CONSENT' AND received_at >= ? AND received_at < ?""",
                Long.class, at(period.start()), at(period.end()));
    }

    long caseCount(Period period, String agreement) {
        return jdbc.queryForObject("""
                SELECT COALESCE(SUM(cases), 0) FROM statistics_case_day WHERE count_day >= ? AND count_day <= ? AND agreement = ?""",
                Long.class, days(period, agreement));
    }

    /**
     * The first contact attempt of the cases received in the period against the service rule: within the limit,
     * late, missing (none, and the limit has passed) or pending (none yet, the limit has not passed). Days at least
     * four days back have no pending case left; the last days are looked at case by case.
     */
    ServiceLevelCounts serviceLevel(Period period, String agreement, Instant now) {
        LocalDate lastSettled = StaleDays.day(now).minusDays(4);
        ServiceLevelCounts counted = jdbc.queryForObject("""
                SELECT COALESCE(SUM(CASE WHEN first_attempt = 'IN_TIME' THEN cases ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN first_attempt = 'LATE' THEN cases ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN first_attempt = 'NONE' AND count_day <= ? THEN cases ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN closed_not_reached THEN cases ELSE 0 END), 0)
                FROM statistics_case_day WHERE count_day >= ? AND count_day <= ? AND agreement = ?""",
                (rs, i) -> new ServiceLevelCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), 0, rs.getLong(4)),
                lastSettled, period.from(), period.to(), agreement);
        if (period.to().isAfter(lastSettled)) {
            LocalDate from = period.from().isAfter(lastSettled) ? period.from() : lastSettled.plusDays(1);
            Period recent = new Period(from, period.to());
            String limit = "INTERVAL '" + firstAttemptWithinSeconds + "' SECOND";
            long[] open = jdbc.queryForObject("""
                    SELECT COALESCE(SUM(CASE WHEN received_at + %1$s < ? THEN 1 ELSE 0 END), 0),
                           COALESCE(SUM(CASE WHEN received_at + %1$s >= ? THEN 1 ELSE 0 END), 0)
                    FROM support_case WHERE first_attempt_at IS NULL AND received_at >= ? AND received_at < ? AND agreement = ?"""
                    .formatted(limit), (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
                    at(now), at(now), at(recent.start()), at(recent.end()), agreement);
            counted = new ServiceLevelCounts(counted.withinLimit(), counted.late(), counted.missing() + open[0], open[1],
                    counted.closedNotReached());
        }
        return counted;
    }

    private static Object[] days(Period period, String agreement) {
        return new Object[] {period.from(), period.to(), agreement};
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
