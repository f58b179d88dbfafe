package se.stockholm.brottsofferstod.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The periods the partnership reports on (seeds 000, 001, 003): the agreement periods as configured (1 April to
 * 31 March up to 2025, then April to December 2025), then calendar years.
 *
 * @param agreementPeriods the fixed periods, oldest first
 * @param calendarYearsFrom the first year reported as a calendar year
 */
@ConfigurationProperties("intake.statistics")
public record ReportingPeriods(List<Named> agreementPeriods, int calendarYearsFrom) {

    public record Named(String name, LocalDate from, LocalDate to) {
    }

    /** Every period that has begun by {@code today}, oldest first. */
    List<Named> list(LocalDate today) {
        List<Named> list = new ArrayList<>();
        agreementPeriods.stream().filter(p -> !p.from().isAfter(today)).forEach(list::add);
        for (int year = calendarYearsFrom; year <= today.getYear(); year++) {
            list.add(new Named(Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
        }
        return list;
    }
}
