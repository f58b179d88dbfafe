package se.stockholm.brottsofferstod.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportBuilderTests {

    private static final List<String> PARTNERS = List.of("stodcentrum", "boj-sodra-stockholm", "boj-vasterort",
            "boj-stockholm-gotland");
    private static final Period MAY = new Period(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 31));
    private final ReportBuilder builder = new ReportBuilder(PARTNERS, "stodcentrum");

    private static PeriodCounts counts(Period period, List<StatisticsQueries.CaseGroup> cases,
                                       List<StatisticsQueries.Handover> handovers) {
        return new PeriodCounts(period, cases, handovers, List.of(), List.of(), List.of(), 0,
                new StatisticsQueries.ServiceLevelCounts(0, 0, 0, 0, 0), period.quarters().stream().map(q -> 0L).toList());
    }

    private static StatisticsQueries.Handover handover(String now, String from, String to, String at) {
        return new StatisticsQueries.Handover(7, now, "FEMALE", "ASSAULT", false, true, from, to, Instant.parse(at));
    }

    @Test
    void aCaseLinkedOverAndBackAfterThePeriodCountsWhereItWasAtTheEnd() {
        var cases = List.of(new StatisticsQueries.CaseGroup("boj-sodra-stockholm", "FEMALE", "POLICE", "ASSAULT", false, true, 1));
        var handovers = List.of(
                handover("boj-sodra-stockholm", "boj-sodra-stockholm", "stodcentrum", "2024-05-10T08:00:00Z"),
                handover("boj-sodra-stockholm", "stodcentrum", "boj-sodra-stockholm", "2024-06-10T08:00:00Z"));

        Report report = builder.build(counts(MAY, cases, handovers), counts(MAY.previous(), List.of(), List.of()));

        assertThat(report.byPartner().get("stodcentrum").cases()).isEqualTo(1);
        assertThat(report.byPartner().get("stodcentrum").intimatePartnerViolenceByGender().get("FEMALE")).isEqualTo(1);
        assertThat(report.byPartner().get("boj-sodra-stockholm").cases()).isZero();
        assertThat(report.jours().cases()).isZero();
        assertThat(report.intimatePartnerViolence()).isZero();
        assertThat(report.total().cases()).isEqualTo(1);
    }

    @Test
    void triageCountsWhereIntakeSentTheCaseEvenWhenItWasAssignedSince() {
        var cases = List.of(new StatisticsQueries.CaseGroup("boj-vasterort", "MALE", "SMS", null, false, false, 1),
                new StatisticsQueries.CaseGroup("triage", "MALE", "SMS", null, false, false, 2));
        var handovers = List.of(handover("boj-vasterort", "triage", "boj-vasterort", "2024-05-20T08:00:00Z"));

        Report report = builder.build(counts(MAY, cases, handovers), counts(MAY.previous(), List.of(), List.of()));

        assertThat(report.triage()).isEqualTo(3);
        assertThat(report.byPartner().get("triage").cases()).isEqualTo(2);
        assertThat(report.byPartner().get("boj-vasterort").cases()).isEqualTo(1);
        assertThat(report.casesByCrimeCategory().get("UNKNOWN")).isEqualTo(3);
        assertThat(report.casesBySource().get("SMS")).isEqualTo(3);
    }
}
