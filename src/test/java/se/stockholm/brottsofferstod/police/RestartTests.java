package se.stockholm.brottsofferstod.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.StandaloneService;
import se.stockholm.brottsofferstod.support.TestDatabase;
import se.stockholm.brottsofferstod.support.TestPorts;
import tools.jackson.databind.json.JsonMapper;

/** Nothing is lost across a restart: queued referrals, inbox files, cases and their queue messages. */
@Tag(TestDatabase.TAG)
class RestartTests {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(int brokerPort) {
        return StandaloneService.start(dataDir, brokerPort, "RestartTestsServlet");
    }

    @Test
    void referralsWaitingWhileTheServiceIsDownAreTakenAfterItStartsAndCasesSurvive() throws Exception {
        int brokerPort = TestPorts.free();
        String suffix = Examples.unique();
        String reference;
        try (ConfigurableApplicationContext first = start(brokerPort)) {
            reference = postAdult(first, "PM-STHLM-2024-000917-" + suffix);
            String queued = reference;
            await().atMost(Duration.ofSeconds(20)).until(() -> onQueue(first, "cases.boj-sodra-stockholm", queued) == 1);

            CamelContext camel = first.getBean(CamelContext.class);
            camel.getRouteController().stopRoute("police-jms");
            sendAsPolice(brokerPort, Examples.withFreshIds(Examples.BATCH, suffix).strip().split("\n"));
        }

        Path inbox = dataDir.resolve("inbox").resolve("police");
        Files.createDirectories(inbox);
        Path part = inbox.resolve(".minor.part");
        Files.writeString(part, Examples.withFreshIds(Examples.MINOR_NO_CONSENT, suffix).replace("\"contactConsent\": false",
                "\"contactConsent\": true"));
        Files.move(part, inbox.resolve("minor.json"), StandardCopyOption.ATOMIC_MOVE);

        try (ConfigurableApplicationContext second = start(brokerPort)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(jdbc, "PM-1-" + suffix) == 1
                    && count(jdbc, "PM-2-" + suffix) == 1 && count(jdbc, "PM-STHLM-2024-000918-" + suffix) == 1);
            assertThat(count(jdbc, "PM-STHLM-2024-000917-" + suffix)).isEqualTo(1);
            assertThat(onQueue(second, "cases.boj-sodra-stockholm", reference)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve(".done").resolve("minor.json")));
            String minorReference = jdbc.queryForObject("SELECT case_reference FROM support_case WHERE external_id = ?",
                    String.class, "PM-STHLM-2024-000918-" + suffix);
            assertThat(minorReference).isGreaterThan(reference);
            await().atMost(Duration.ofSeconds(20)).until(() -> onQueue(second, "cases.stodcentrum", minorReference) == 1);
        }
    }

    private static int count(JdbcTemplate jdbc, String externalId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE external_id = ?", Integer.class, externalId);
    }

    private static int onQueue(ConfigurableApplicationContext context, String queue, String reference) {
        Integer n = new JmsTemplate(context.getBean(ConnectionFactory.class)).browseSelected(queue,
                "caseReference = '" + reference + "'", (session, browser) -> {
                    int found = 0;
                    for (var e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                        found++;
                    }
                    return found;
                });
        return n == null ? 0 : n;
    }

    private static String postAdult(ConfigurableApplicationContext context, String referralId) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/referrals/police"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("police-feed:police-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", referralId)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        return JsonMapper.builder().build().readTree(response.body()).get("results").get(0).get("caseReference").asString();
    }

    private static void sendAsPolice(int brokerPort, String... bodies) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort)
                .createConnection("police-feed", "police-secret")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("referrals.police"));
            for (String body : bodies) {
                producer.send(session.createTextMessage(body));
            }
        }
    }
}
