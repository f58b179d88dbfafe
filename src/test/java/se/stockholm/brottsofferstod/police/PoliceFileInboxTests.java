package se.stockholm.brottsofferstod.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PoliceFileInboxTests extends IntakeIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    InboxRetention retention;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path inbox() {
        return Path.of(environment.getRequiredProperty("intake.police.inbox"));
    }

    /** Drops a file the way a sender should: written under another name, then renamed into place. */
    private Path drop(String name, String content) throws IOException {
        Files.createDirectories(inbox());
        Path temporary = inbox().resolve("." + name + ".part");
        Files.writeString(temporary, content);
        return Files.move(temporary, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private Path awaitDone(String name) {
        Path done = inbox().resolve(".done").resolve(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done) && !Files.exists(inbox().resolve(name)));
        return done;
    }

    /** A file that held a referral without consent is taken, then deleted, never kept in .done. */
    private void awaitErased(String name) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox().resolve(name))
                && !Files.exists(inbox().resolve(".erase").resolve(name)));
        assertThat(inbox().resolve(".done").resolve(name)).doesNotExist();
    }

    @Test
    void aFileWithAReferralWithoutConsentIsDeletedOnceTakenAndItIsCounted() throws IOException {
        String id = "NC-FILE-" + Examples.unique();
        drop("noconsent-" + id + ".json", """
                {"referralId":"%s","sentAt":"2026-11-12T09:20:00+01:00",
                 "person":{"role":"VICTIM","givenName":"Nofilekept","birthYear":2009,"district":"Rinkeby"},
                 "consent":{"contactConsent":false}}""".formatted(id));

        awaitErased("noconsent-" + id + ".json");

        assertThat(casesWithExternalId(id)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM referral_receipt WHERE status = 'NO_CONSENT' AND received_at > ?",
                Integer.class, java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofMinutes(5))))).isPositive();
    }

    @Test
    void processedFilesAreDeletedAfterTheKeepingPeriod() throws IOException {
        String name = "old-" + Examples.unique() + ".json";
        Path done = inbox().resolve(".done");
        Files.createDirectories(done);
        Path old = Files.writeString(done.resolve(name), "{}");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofDays(31))));
        Path recent = Files.writeString(done.resolve("recent-" + name), "{}");

        retention.clean();

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }

    private Map<String, Object> caseOf(String externalId) {
        return jdbc.queryForMap("SELECT * FROM support_case WHERE external_id = ?", externalId);
    }

    @Test
    void contractExamplesDroppedInTheInboxBecomeTheirCases() throws IOException {
        String suffix = Examples.unique();
        drop("adult-" + suffix + ".json", Examples.withFreshIds(Examples.ADULT, suffix));
        drop("minor-" + suffix + ".json", Examples.withFreshIds(Examples.MINOR_NO_CONSENT, suffix));
        drop("batch-" + suffix + ".ndjson", Examples.withFreshIds(Examples.BATCH, suffix));
        awaitDone("adult-" + suffix + ".json");
        awaitErased("minor-" + suffix + ".json");
        awaitDone("batch-" + suffix + ".ndjson");

        Map<String, Object> adult = caseOf("PM-STHLM-2024-000917-" + suffix);
        assertThat(adult).containsEntry("PARTNER", "boj-sodra-stockholm").containsEntry("CHANNEL", "FILE");
        assertThat(casesWithExternalId("PM-STHLM-2024-000918-" + suffix)).isZero();
        assertThat(caseOf("PM-1-" + suffix)).containsEntry("PARTNER", "boj-vasterort");
        assertThat(caseOf("PM-2-" + suffix)).containsEntry("PARTNER", "stodcentrum");
        awaitQueued("cases.boj-sodra-stockholm", (String) adult.get("CASE_REFERENCE"));
        awaitQueued("cases.stodcentrum", (String) caseOf("PM-2-" + suffix).get("CASE_REFERENCE"));
        assertThat(inbox().resolve(".done").resolve("adult-" + suffix + ".rejections.json")).doesNotExist();
    }

    @Test
    void mixedFileTakesTheValidReferralsAndReportsTheInvalidOnes() throws IOException {
        String suffix = Examples.unique();
        String[] lines = Examples.withFreshIds(Examples.BATCH, suffix).strip().split("\n");
        String badRole = lines[0].replace("PM-1-" + suffix, "PM-BAD-" + suffix).replace("\"WITNESS\"", "\"BYSTANDER\"");
        String content = String.join("\n", lines[0], badRole, "{not json", lines[1]) + "\n";

        drop("mixed-" + suffix + ".ndjson", content);
        awaitDone("mixed-" + suffix + ".ndjson");

        assertThat(casesWithExternalId("PM-1-" + suffix)).isEqualTo(1);
        assertThat(casesWithExternalId("PM-2-" + suffix)).isEqualTo(1);
        assertThat(casesWithExternalId("PM-BAD-" + suffix)).isZero();
        assertThat(rejectionsFor("PM-BAD-" + suffix)).isEqualTo(1);

        Path report = inbox().resolve(".done").resolve("mixed-" + suffix + ".rejections.json");
        JsonNode rejections = JSON.readTree(Files.readString(report));
        assertThat(rejections).hasSize(2);
        assertThat(rejections.get(0).get("item").asString()).isEqualTo("line 2");
        assertThat(rejections.get(0).get("field").asString()).isEqualTo("person.role");
        assertThat(rejections.get(0).get("externalId").asString()).isEqualTo("PM-BAD-" + suffix);
        assertThat(rejections.get(1).get("item").asString()).isEqualTo("line 3");
        assertThat(rejections.get(1).get("reason").asString()).contains("not well-formed JSON");
        assertThat(Files.readString(report)).doesNotContain("+46701111111");
        assertThat(countOnQueue("intake.dlq", "externalId = 'PM-BAD-" + suffix + "'")).isEqualTo(1);
    }

    @Test
    void jsonArrayFileWithAnInvalidReferralStillTakesTheOthers() throws IOException {
        String suffix = Examples.unique();
        String[] lines = Examples.withFreshIds(Examples.BATCH, suffix).strip().split("\n");
        String missingConsent = lines[1].replace("PM-2-" + suffix, "PM-NOCONSENTFIELD-" + suffix)
                .replace(",\"consent\":{\"contactConsent\":true,\"givenBy\":\"GUARDIAN\"}", "");

        drop("array-" + suffix + ".json", "[" + lines[0] + "," + missingConsent + "]");
        awaitDone("array-" + suffix + ".json");

        assertThat(casesWithExternalId("PM-1-" + suffix)).isEqualTo(1);
        assertThat(rejectionsFor("PM-NOCONSENTFIELD-" + suffix)).isEqualTo(1);
        JsonNode rejections = JSON.readTree(Files.readString(inbox().resolve(".done").resolve("array-" + suffix + ".rejections.json")));
        assertThat(rejections.get(0).get("item").asString()).isEqualTo("referral[1]");
        assertThat(rejections.get(0).get("field").asString()).isEqualTo("consent");
    }

    @Test
    void fileDroppedTwiceMakesNoSecondCase() throws IOException {
        String suffix = Examples.unique();
        String content = Examples.withFreshIds(Examples.ADULT, suffix);
        drop("again-" + suffix + ".json", content);
        awaitDone("again-" + suffix + ".json");
        Files.delete(inbox().resolve(".done").resolve("again-" + suffix + ".json"));
        drop("again-" + suffix + ".json", content);
        awaitDone("again-" + suffix + ".json");

        assertThat(casesWithExternalId("PM-STHLM-2024-000917-" + suffix)).isEqualTo(1);
    }

    /** A file of several chunks (chunk size 500) is stored chunk by chunk while the rest is read: every referral once. */
    @Test
    void aFileOfSeveralChunksTakesEveryReferralOnceAndReportsTheInvalidOneByItsLine() throws IOException {
        String suffix = Examples.unique();
        String adult = Examples.withFreshIds(Examples.BATCH, suffix).strip().split("\n")[0];
        int count = 1_234;
        int invalidLine = 777;
        StringBuilder content = new StringBuilder();
        for (int line = 1; line <= count; line++) {
            String referral = adult.replace("PM-1-" + suffix, "PM-MANY-" + line + "-" + suffix);
            content.append(line == invalidLine ? referral.replace("\"WITNESS\"", "\"BYSTANDER\"") : referral).append('\n');
        }

        drop("many-" + suffix + ".ndjson", content.toString());
        awaitDone("many-" + suffix + ".ndjson");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE external_id LIKE ?", Integer.class,
                "PM-MANY-%-" + suffix)).isEqualTo(count - 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT external_id) FROM support_case WHERE external_id LIKE ?",
                Integer.class, "PM-MANY-%-" + suffix)).isEqualTo(count - 1);
        assertThat(casesWithExternalId("PM-MANY-" + invalidLine + "-" + suffix)).isZero();
        JsonNode rejections = JSON.readTree(Files.readString(inbox().resolve(".done").resolve("many-" + suffix + ".rejections.json")));
        assertThat(rejections).hasSize(1);
        assertThat(rejections.get(0).get("item").asString()).isEqualTo("line " + invalidLine);
    }
}
