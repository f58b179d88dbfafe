package se.stockholm.brottsofferstod.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.StandaloneService;
import se.stockholm.brottsofferstod.support.TestDatabase;
import se.stockholm.brottsofferstod.support.TestPorts;

/** A restart between two messages of a conversation loses nothing: the state is in the database. */
@Tag(TestDatabase.TAG)
class SmsRestartTests {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(int brokerPort) {
        return StandaloneService.start(dataDir, brokerPort, "SmsRestartTestsServlet");
    }

    private static String say(ConfigurableApplicationContext context, String from, String message) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        String form = "id=" + Examples.unique() + "&from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&message="
                + URLEncoder.encode(message, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/sms/46elks"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("elks-webhook:elks-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aConversationGoesOnAfterARestartWhereItWas() throws Exception {
        int brokerPort = TestPorts.free();
        String phone = "+46701112233";
        try (ConfigurableApplicationContext first = start(brokerPort)) {
            say(first, phone, "Hej, jag blev slagen av min pappa");
            assertThat(say(first, phone, "17 år")).contains("Var bor du?");
        }

        try (ConfigurableApplicationContext second = start(brokerPort)) {
            String reply = say(second, phone, "Husby");
            assertThat(reply).doesNotContain("Hej!").contains("Får vi ringa dig");
            String confirmation = say(second, phone, "kväll");

            assertThat(confirmation).contains("Stödcentrum för unga brottsutsatta och vittnen");
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT age_years FROM support_case WHERE phone = ?", Integer.class, phone)).isEqualTo(17);
            assertThat(jdbc.queryForObject("SELECT text FROM support_case WHERE phone = ?", String.class, phone))
                    .contains("Hej, jag blev slagen av min pappa").contains("Husby");
        }
    }
}
