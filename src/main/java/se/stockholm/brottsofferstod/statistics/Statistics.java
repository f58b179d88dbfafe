package se.stockholm.brottsofferstod.statistics;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.stockholm.brottsofferstod.routing.Router;

/** The yearly follow-up: figures for any period, counted by the database. */
@Service
public class Statistics {

    private final StatisticsQueries queries;
    private final ReportBuilder builder;
    private final ReportingPeriods periods;
    private final Clock clock;

    Statistics(DataSource dataSource, Router router, ReportingPeriods periods,
               @Value("${intake.service-level.first-attempt-within}") Duration firstAttemptWithin) {
        this.queries = new StatisticsQueries(new JdbcTemplate(dataSource), firstAttemptWithin);
        this.builder = new ReportBuilder(router.partners().ids(), router.partners().youthPartner());
        this.periods = periods;
        this.clock = Clock.systemUTC();
    }

    /** The report for {@code from}..{@code to} (inclusive); {@code to} left out means until today. */
    @Transactional(readOnly = true)
    public Report report(LocalDate from, LocalDate to) {
        Period period = new Period(from, to == null ? LocalDate.now(clock.withZone(Period.STOCKHOLM)) : to);
        return builder.build(counts(period, true), counts(period.previous(), false));
    }

    public List<ReportingPeriods.Named> periods() {
        return periods.list(LocalDate.now(clock.withZone(Period.STOCKHOLM)));
    }

    private PeriodCounts counts(Period period, boolean full) {
        List<Long> quarters = full
                ? period.quarters().stream().map(q -> queries.cases(q.period().start(), q.period().end())).toList()
                : List.of();
        return new PeriodCounts(period, queries.cases(period), queries.handovers(period), queries.attempts(period),
                queries.actions(period), full ? queries.links(period) : List.of(),
                full ? queries.noConsentReferrals(period) : 0,
                full ? queries.serviceLevel(period, clock.instant()) : null, quarters);
    }
}
