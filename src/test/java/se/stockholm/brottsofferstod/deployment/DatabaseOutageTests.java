package se.stockholm.brottsofferstod.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.support.PoliceFeed;
import se.stockholm.brottsofferstod.support.TcpProxy;
import se.stockholm.brottsofferstod.support.TestPorts;
import se.stockholm.brottsofferstod.support.TestService;

/**
 * Issue 13, "Outages": the database (PostgreSQL, as in production) unavailable for 30 s of wall time while police
 * referrals keep coming by REST, by the file inbox and by JMS. The service reaches the database through a TCP proxy,
 * which the test cuts: every connection ends and new ones are refused. Intake pauses and goes on by itself when the
 * proxy listens again; REST answers 503 problem+json with Retry-After while nothing can be stored, never 500. At the
 * end every referral is exactly one case on its partner's queue, or one rejection: lost=0 duplicated=0.
 */
class DatabaseOutageTests {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void theDatabaseGoneFor30SecondsPausesIntakeWhichGoesOnByItselfLosingNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off").start();
             TcpProxy proxy = new TcpProxy(postgres.getPort())) {
            new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE intake_outage");
            int brokerPort = TestPorts.free();
            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(IntakeApplication.class).run(
                    "--server.port=0",
                    "--intake.data-dir=" + dir.resolve("service"),
                    "--intake.security.users-file=" + TestService.USERS_FILE,
                    "--intake.http.servlet-name=DatabaseOutageServlet",
                    "--intake.broker.port=" + brokerPort,
                    "--intake.dispatch.period-ms=100",
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/intake_outage?reWriteBatchedInserts=true",
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=",
                    // a request waits at most this long for a connection, then answers 503
                    "--spring.datasource.hikari.connection-timeout=1000",
                    "--spring.datasource.hikari.validation-timeout=500")) {
                String httpPort = service.getEnvironment().getProperty("local.server.port");
                String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
                PoliceFeed feed = new PoliceFeed(URI.create("http://127.0.0.1:" + httpPort + "/api/referrals/police"),
                        dir.resolve("service").resolve("inbox").resolve("police"), brokerUrl, "police-feed", "police-secret");

                feed.start(Duration.ofMillis(150), Duration.ofMillis(800), Duration.ofMillis(1500));
                AtomicReference<HttpResponse<String>> staffAnswer = new AtomicReference<>();
                feed.through("database outage", OUTAGE, () -> {
                    proxy.cut();
                    // the staff API too: 503 with Retry-After, never 500
                    staffAnswer.set(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + httpPort + "/api/cases")).timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("sodra-1:staff-secret".getBytes()))
                            .build(), HttpResponse.BodyHandlers.ofString()));
                }, proxy::restore, System.out);
                assertThat(staffAnswer.get().statusCode()).as(staffAnswer.get().body()).isEqualTo(503);
                assertThat(staffAnswer.get().headers().firstValue("Retry-After")).hasValue("10");
                assertThat(staffAnswer.get().headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));

                JdbcTemplate db = service.getBean(JdbcTemplate.class);
                PoliceFeed.Outcome outcome = feed.count(new ActiveMQConnectionFactory(brokerUrl), "sodra-system", "sodra-secret",
                        Duration.ofSeconds(90), Duration.ofSeconds(3), ids -> PoliceFeed.deadLetters(db, ids), System.out);
                outcome.check("database outage", OUTAGE, System.out);
                assertThat(outcome.restAnswers()).as("REST answered 503 while the database was away").containsKey(503);
            }
        }
    }
}
