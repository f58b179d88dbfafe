package se.stockholm.brottsofferstod.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.support.PoliceFeed;
import se.stockholm.brottsofferstod.support.TestDatabase;
import se.stockholm.brottsofferstod.support.TestPorts;
import se.stockholm.brottsofferstod.support.TestService;

/**
 * Issue 13, "Outages": the external broker (deploy/artemis/broker.xml, as in production) stopped for 30 s of wall time
 * and started again on the same journal, while police referrals keep coming by REST, by the file inbox and by JMS (a
 * JMS send that fails is sent again once the broker answers). The service connects with the production profile's
 * broker URL (reconnecting for ever). REST and the inbox go on storing cases meanwhile, whose messages wait in the
 * outbox; a request that cannot be stored answers 503 problem+json with Retry-After, never 500. At the end every
 * referral is exactly one case on its partner's queue, or one rejection: lost=0 duplicated=0.
 */
class BrokerOutageTests {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void theBrokerGoneFor30SecondsPausesWhatNeedsItAndEverythingGoesOnByItselfLosingNothing(@TempDir Path dir) throws Exception {
        int port = TestPorts.free();
        ActiveMQServer broker = ExternalBroker.startSingle(dir.resolve("broker"), port);
        String url = "tcp://127.0.0.1:" + port;
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--intake.data-dir=" + dir.resolve("service"),
                "--intake.security.users-file=" + TestService.USERS_FILE,
                "--intake.dispatch.period-ms=100",
                "--intake.http.servlet-name=BrokerOutageServlet",
                "--intake.broker.embedded=false",
                "--spring.artemis.mode=native",
                // the production profile's URL: failover over the pair, reconnecting for ever (here one broker)
                "--spring.artemis.broker-url=" + productionBrokerUrl(),
                "--intake.broker.primary=127.0.0.1:" + port,
                "--intake.broker.backup=127.0.0.1:" + port,
                "--spring.artemis.user=intake-service",
                "--spring.artemis.password=" + ExternalBroker.PASSWORDS.get("intake-service")));
        arguments.addAll(TestDatabase.arguments(dir.resolve("service")));
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(IntakeApplication.class).run(arguments.toArray(String[]::new))) {
            String httpPort = service.getEnvironment().getProperty("local.server.port");
            PoliceFeed feed = new PoliceFeed(URI.create("http://127.0.0.1:" + httpPort + "/api/referrals/police"),
                    dir.resolve("service").resolve("inbox").resolve("police"), url, "police-feed",
                    ExternalBroker.PASSWORDS.get("police-feed"));

            feed.start(Duration.ofMillis(150), Duration.ofMillis(800), Duration.ofMillis(300));
            feed.through("broker outage", OUTAGE, broker::stop, broker::start, System.out);

            JdbcTemplate db = service.getBean(JdbcTemplate.class);
            PoliceFeed.Outcome outcome = feed.count(new ActiveMQConnectionFactory(url), "sodra-system",
                    ExternalBroker.PASSWORDS.get("sodra-system"), Duration.ofSeconds(120), Duration.ofSeconds(3),
                    ids -> PoliceFeed.deadLetters(db, ids), System.out);
            outcome.check("broker outage", OUTAGE, System.out);
            assertThat(outcome.jmsResent()).as("JMS sends refused while the broker was away").isPositive();
        } finally {
            broker.stop();
        }
    }

    /** spring.artemis.broker-url of config/application-postgres.yml, its placeholders left for the service. */
    private static String productionBrokerUrl() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("config/application-postgres.yml"));
        Properties production = yaml.getObject();
        String url = production.getProperty("spring.artemis.broker-url");
        assertThat(url).contains("reconnectAttempts=-1");
        return url;
    }
}
