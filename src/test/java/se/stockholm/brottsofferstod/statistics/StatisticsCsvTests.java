package se.stockholm.brottsofferstod.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class StatisticsCsvTests {

    private static String csv(String json) {
        byte[] bytes = StatisticsCsv.write(JsonMapper.builder().build().readTree(json));
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    @Test
    void cellsThatExcelWouldRunAsFormulasAreNeutralised() {
        String csv = csv("""
                {"=HYPERLINK(1)": 3, "note": "@SUM(A1)", "tab": "\\tx", "plus": "+1+1", "minus": "-A1"}""");

        assertThat(csv).contains("\r\n'=HYPERLINK(1),3,yes\r\n").contains("note,'@SUM(A1),").contains("tab,'\tx,")
                .contains("plus,'+1+1,").contains("minus,'-A1,");
    }

    @Test
    void numbersNegativeOnesIncludedStayNumbers() {
        String csv = csv("{\"change\": {\"casesPercent\": -3.2, \"actionsPercent\": 8.1}, \"cases\": 12}");

        assertThat(csv).contains("change.casesPercent,-3.2,").contains("change.actionsPercent,8.1,").contains("cases,12,");
    }

    @Test
    void neutralisingLeavesOrdinaryTextAlone() {
        assertThat(StatisticsCsv.neutralised("2023-Q2")).isEqualTo("2023-Q2");
        assertThat(StatisticsCsv.neutralised("=1+1")).isEqualTo("'=1+1");
        assertThat(StatisticsCsv.neutralised("-42")).isEqualTo("-42");
    }
}
