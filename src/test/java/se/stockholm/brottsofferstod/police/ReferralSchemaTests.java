package se.stockholm.brottsofferstod.police;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.Examples;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ReferralSchemaTests {

    private final ReferralSchema schema = new ReferralSchema();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void projectCopyOfTheSchemaEqualsTheContracts() throws IOException {
        byte[] contract = Files.readAllBytes(Examples.CONTRACT.resolve("police-referral.schema.json"));
        try (InputStream copy = ReferralSchema.class.getResourceAsStream(ReferralSchema.RESOURCE)) {
            assertThat(copy.readAllBytes()).isEqualTo(contract);
        }
    }

    @Test
    void contractExamplesAreValid() {
        assertThat(schema.check(json.readTree(Examples.read(Examples.ADULT)))).isEmpty();
        assertThat(schema.check(json.readTree(Examples.read(Examples.MINOR_NO_CONSENT)))).isEmpty();
        for (String line : Examples.read(Examples.BATCH).strip().split("\n")) {
            assertThat(schema.check(json.readTree(line))).isEmpty();
        }
    }

    @Test
    void violationsNameTheFieldAndNeverTheValue() {
        ObjectNode referral = (ObjectNode) json.readTree(Examples.read(Examples.ADULT));
        referral.remove("consent");
        referral.put("reportNumber", "SECRET-VALUE");
        ((ObjectNode) referral.get("person")).put("nickname", "Annie");
        ((ObjectNode) referral.get("offence")).put("occurredOn", "2024-13-45");

        List<Violation> violations = schema.check(referral);

        assertThat(violations).extracting(Violation::field)
                .containsExactlyInAnyOrder("consent", "reportNumber", "person.nickname", "offence.occurredOn");
        assertThat(violations.toString()).doesNotContain("SECRET-VALUE").doesNotContain("Annie");
    }
}
