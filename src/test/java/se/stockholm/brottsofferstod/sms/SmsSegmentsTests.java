package se.stockholm.brottsofferstod.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTests {

    @Test
    void gsm7TakesSwedishLettersAnd160CharactersInOneSegment() {
        assertThat(SmsSegments.encoding("Hej! Får vi ringa dig på kvällen? Åsa, Örjan, Ärlig.")).isEqualTo(SmsSegments.Encoding.GSM_7);
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
    }

    @Test
    void extensionCharactersCountTwice() {
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
    }

    @Test
    void anyCharacterOutsideGsm7MakesTheWholeTextUcs2With70And67PerSegment() {
        assertThat(SmsSegments.encoding("كم عمرك؟")).isEqualTo(SmsSegments.Encoding.UCS_2);
        assertThat(SmsSegments.encoding("Ile masz lat? Dzień")).isEqualTo(SmsSegments.Encoding.UCS_2);
        assertThat(SmsSegments.count("a".repeat(69) + "ł")).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(70) + "ł")).isEqualTo(2);
        assertThat(SmsSegments.count("ж".repeat(134))).isEqualTo(2);
        assertThat(SmsSegments.count("ж".repeat(135))).isEqualTo(3);
        assertThat(SmsSegments.fits("ж".repeat(201))).isTrue();
        assertThat(SmsSegments.fits("ж".repeat(202))).isFalse();
    }
}
