package se.stockholm.brottsofferstod.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class TextFieldsTests {

    @Test
    void nulOtherC0AndC1ControlsAndDelAreControlCharactersButTabAndLineBreaksAreText() {
        assertThat(TextFields.hasControlCharacter("a\u0000b")).isTrue();
        assertThat(TextFields.hasControlCharacter("a\u001Bb")).isTrue();
        assertThat(TextFields.hasControlCharacter("a\u007Fb")).isTrue();
        assertThat(TextFields.hasControlCharacter("a\u0085b")).isTrue();
        assertThat(TextFields.hasControlCharacter("rad ett\r\nrad två\tå ä ö 🙂")).isFalse();
        assertThat(TextFields.hasControlCharacter(null)).isFalse();
    }

    @Test
    void theFirstFieldWithAControlCharacterIsNamedByItsPath() {
        var json = JsonMapper.builder().build().readTree("{\"a\":\"ok\",\"person\":{\"names\":[\"x\",\"y\\u0000\"]}}");

        assertThat(TextFields.firstWithControlCharacter(json)).isEqualTo("person.names[1]");
    }

    @Test
    void aChannelThatCannotRefuseKeepsTheTextWithoutItsControlCharacters() {
        assertThat(TextFields.withoutControlCharacters("Hej\u0000 då\u0007\n")).isEqualTo("Hej då\n");
    }

    @Test
    void aNulIsKeptAsItsJsonEscapeSoThatPostgresCanStoreItAndAReplayIsStillRefused() {
        String stored = TextFields.storable("{\"referralId\":\"A\u0000B\"}");

        assertThat(stored).isEqualTo("{\"referralId\":\"A\\u0000B\"}").doesNotContain("\u0000");
        assertThat(TextFields.firstWithControlCharacter(JsonMapper.builder().build().readTree(stored))).isEqualTo("referralId");
        assertThat(TextFields.storable("Anna\tMaria")).isEqualTo("Anna\tMaria");
        assertThat(TextFields.storable(null)).isNull();
    }
}
