package se.stockholm.brottsofferstod.police;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReferralReaderTests {

    private final ReferralReader reader = new ReferralReader();

    private List<ReferralReader.Item> ndjson(String text, int maxLine) {
        List<ReferralReader.Item> items = new ArrayList<>();
        reader.readNdjson(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxLine, items::add);
        return items;
    }

    @Test
    void anNdjsonLineOverTheLimitIsRefusedOnItsOwnWithoutKeepingItsText() {
        List<ReferralReader.Item> items = ndjson("{\"a\":\"" + "x".repeat(500) + "\"}\n{\"b\":1}\r\n", 100);

        assertThat(items).hasSize(2);
        assertThat(items.get(0).parseError().reason()).contains("longer than the limit of 100");
        assertThat(items.get(0).raw()).isEmpty();
        assertThat(items.get(1).node().get("b").asInt()).isEqualTo(1);
        assertThat(items.get(1).label()).isEqualTo("line 2");
    }

    @Test
    void aLastLineWithoutNewlineIsRead() {
        List<ReferralReader.Item> items = ndjson("\n{\"b\":1}", 100);

        assertThat(items).hasSize(1);
        assertThat(items.get(0).label()).isEqualTo("line 2");
    }
}
