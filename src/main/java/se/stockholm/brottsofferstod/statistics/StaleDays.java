package se.stockholm.brottsofferstod.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.intake.CountedDaysChanged;
import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * Marks the days whose counts a write changed, in the writer's own transaction: the statistics count those days
 * again before the next report. The writers announce every such write as {@link CountedDaysChanged} (the case
 * entities do it on every insert and update), heard here synchronously, inside their transaction.
 */
@Component
public class StaleDays {

    private final JdbcTemplate jdbc;

    StaleDays(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The Stockholm days of these instants are counted again; {@code null}s are left out. */
    public void mark(Collection<Instant> instants) {
        List<Object[]> days = instants.stream().filter(Objects::nonNull).map(StaleDays::day).distinct()
                .map(day -> new Object[] {day}).toList();
        if (!days.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO statistics_stale_day (count_day) VALUES (?)", days);
        }
    }

    @EventListener
    void on(CountedDaysChanged changed) {
        mark(changed.instants());
    }

    public void mark(Instant... instants) {
        mark(java.util.Arrays.asList(instants));
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, Stockholm.ZONE);
    }
}
