package se.stockholm.brottsofferstod.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.routing.Stockholm;

class PeriodTests {

    private static Period period(String from, String to) {
        return new Period(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void theYearBeforeAnAgreementYearWithALeapDayIsTheAgreementYearBefore() {
        assertThat(period("2023-04-01", "2024-03-31").previous()).isEqualTo(period("2022-04-01", "2023-03-31"));
    }

    @Test
    void theNineMonthsOf2025AreComparedWithTheNineMonthsBefore() {
        assertThat(period("2025-04-01", "2025-12-31").previous()).isEqualTo(period("2024-07-01", "2025-03-31"));
    }

    @Test
    void aPeriodOfDaysIsComparedWithAsManyDaysBefore() {
        assertThat(period("2024-03-10", "2024-03-16").previous()).isEqualTo(period("2024-03-03", "2024-03-09"));
    }

    @Test
    void thePeriodEndsAtMidnightStockholmTimeAfterItsLastDay() {
        Period year = period("2023-04-01", "2024-03-31");

        assertThat(year.end()).isEqualTo(LocalDateTime.parse("2024-04-01T00:00").atZone(Stockholm.ZONE).toInstant());
        assertThat(year.start()).isEqualTo(LocalDateTime.parse("2023-04-01T00:00").atZone(Stockholm.ZONE).toInstant());
    }

    @Test
    void quartersAreCalendarQuartersCutToThePeriod() {
        var quarters = period("2023-05-15", "2024-01-10").quarters();

        assertThat(quarters).extracting(Period.Quarter::name).containsExactly("2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1");
        assertThat(quarters.get(0).period()).isEqualTo(period("2023-05-15", "2023-06-30"));
        assertThat(quarters.get(3).period()).isEqualTo(period("2024-01-01", "2024-01-10"));
    }

    @Test
    void fromAfterToIsRefused() {
        assertThatThrownBy(() -> period("2024-04-01", "2024-03-31")).hasMessageContaining("after");
    }

    @Test
    void changeIsRoundedHalfUpToOneDecimal() {
        assertThat(ReportBuilder.change(4751, 4397)).isEqualTo(8.1);
        assertThat(ReportBuilder.change(8919, 8354)).isEqualTo(6.8);
        assertThat(ReportBuilder.change(13377, 9849)).isEqualTo(35.8);
        assertThat(ReportBuilder.change(3697, 2747)).isEqualTo(34.6);
        assertThat(ReportBuilder.change(90, 100)).isEqualTo(-10.0);
        assertThat(ReportBuilder.change(5, 0)).isNull();
    }
}
