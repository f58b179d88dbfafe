package se.stockholm.brottsofferstod.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.routing.DistrictDirectory;
import se.stockholm.brottsofferstod.routing.Partners;
import se.stockholm.brottsofferstod.routing.Router;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The small-count setting: counts 1–4 shown as "<5" in the JSON, the CSV and the HTML report; zero and 5+ stay. */
class SmallCountsTests {

    private static final List<String> PARTNERS = List.of("stodcentrum", "boj-sodra-stockholm", "boj-vasterort",
            "boj-stockholm-gotland");
    private static final Period MAY = new Period(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 31));
    private static final Router ROUTER = new Router(Partners.load(Path.of("config/routing/partners.yml")),
            DistrictDirectory.load(Path.of("config/routing/districts.yml")));

    /** Three cases at Stödcentrum (a small count) and twelve at Södra Stockholm. */
    private static Report report() {
        var cases = List.of(new StatisticsQueries.CaseGroup("stodcentrum", "FEMALE", "POLICE", "FRAUD", false, false, 3),
                new StatisticsQueries.CaseGroup("boj-sodra-stockholm", "MALE", "SMS", "ASSAULT", false, false, 12));
        PeriodCounts now = new PeriodCounts(MAY, cases, List.of(), List.of(), List.of(), List.of(), 0,
                new StatisticsQueries.ServiceLevelCounts(0, 0, 0, 0, 0), MAY.quarters().stream().map(q -> 0L).toList());
        PeriodCounts before = new PeriodCounts(MAY.previous(), List.of(), List.of(), List.of(), List.of(), List.of(), 0,
                new StatisticsQueries.ServiceLevelCounts(0, 0, 0, 0, 0), MAY.previous().quarters().stream().map(q -> 0L).toList());
        return new ReportBuilder(PARTNERS, "stodcentrum").build(now, before);
    }

    @Test
    void theJsonShowsSmallCountsAsLessThanFiveAndLeavesTheOthers() {
        JsonNode published = SmallCounts.suppressed(JsonMapper.builder().build().valueToTree(report()));

        assertThat(published.at("/byPartner/stodcentrum/cases").asString()).isEqualTo("<5");
        assertThat(published.at("/byPartner/boj-sodra-stockholm/cases").asLong()).isEqualTo(12);
        assertThat(published.at("/total/cases").asLong()).isEqualTo(15);
        assertThat(published.at("/byPartner/boj-vasterort/cases").asLong()).isZero();
        assertThat(published.at("/smallCountsSuppressed").asBoolean()).isTrue();
    }

    @Test
    void theCsvShowsThemSoToo() {
        JsonNode published = SmallCounts.suppressed(JsonMapper.builder().build().valueToTree(report()));
        String csv = new String(StatisticsCsv.write(published), StandardCharsets.UTF_8);

        assertThat(csv).contains("byPartner.stodcentrum.cases,<5,yes").contains("byPartner.boj-sodra-stockholm.cases,12,");
    }

    @Test
    void theHtmlPageShowsThemSoWhenTheSettingIsOnAndAsTheyAreWhenOff() {
        String suppressed = new StatisticsHtml(ROUTER, true).render(report());
        String plain = new StatisticsHtml(ROUTER, false).render(report());

        assertThat(suppressed).contains("&lt;5").contains(">12<");
        assertThat(plain).doesNotContain("&lt;5").contains(">3<");
    }
}
