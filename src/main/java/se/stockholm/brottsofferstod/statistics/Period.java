package se.stockholm.brottsofferstod.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * A reporting period: whole days from {@code from} to {@code to}, both inclusive, in Stockholm time. A case
 * received at 23:59 on the last day belongs to it, one received at 00:00 the next day does not.
 */
public record Period(LocalDate from, LocalDate to) {


    public Period {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
    }

    public Instant start() {
        return from.atStartOfDay(Stockholm.ZONE).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(Stockholm.ZONE).toInstant();
    }

    /**
     * The period of equal length just before this one. A period of whole months is moved by whole months, so the
     * year before 2023-04-01..2024-03-31 is 2022-04-01..2023-03-31 although a leap day makes the two differ in days.
     */
    public Period previous() {
        LocalDate dayAfter = to.plusDays(1);
        if (from.getDayOfMonth() == 1 && dayAfter.getDayOfMonth() == 1) {
            long months = ChronoUnit.MONTHS.between(from, dayAfter);
            return new Period(from.minusMonths(months), from.minusDays(1));
        }
        long days = ChronoUnit.DAYS.between(from, dayAfter);
        return new Period(from.minusDays(days), from.minusDays(1));
    }

    /** The calendar quarters the period touches, each cut to the period. */
    public List<Quarter> quarters() {
        List<Quarter> quarters = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate quarterStart = start.with(IsoFields.DAY_OF_QUARTER, 1);
            LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);
            LocalDate end = quarterEnd.isAfter(to) ? to : quarterEnd;
            quarters.add(new Quarter("%d-Q%d".formatted(start.getYear(), start.get(IsoFields.QUARTER_OF_YEAR)),
                    new Period(start, end)));
            start = end.plusDays(1);
        }
        return quarters;
    }

    public record Quarter(String name, Period period) {
    }
}
