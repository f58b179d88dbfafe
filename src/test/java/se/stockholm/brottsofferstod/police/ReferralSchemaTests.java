package se.stockholm.brottsofferstod.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.Examples;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ReferralSchemaTests {

    private final ReferralSchema schema = new ReferralSchema();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Where the project is developed beside the partnership's contract folder, its copies must equal the
     * contract's files byte for byte; a clone of the project alone has no such folder and skips this check.
     */
    @Test
    void projectCopiesOfTheSchemaAndExamplesEqualTheContractsWhereTheContractIsBeside() throws IOException {
        Path contract = Path.of("..", "shared", "contract");
        assumeTrue(Files.isDirectory(contract), "no contract folder beside the project");
        try (InputStream copy = ReferralSchema.class.getResourceAsStream(ReferralSchema.RESOURCE)) {
            assertThat(copy.readAllBytes()).isEqualTo(Files.readAllBytes(contract.resolve("police-referral.schema.json")));
        }
        try (Stream<Path> examples = Files.list(contract.resolve("examples"))) {
            for (Path example : examples.toList()) {
                assertThat(Examples.read(example.getFileName().toString()))
                        .as(example.getFileName().toString()).isEqualTo(Files.readString(example));
            }
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
