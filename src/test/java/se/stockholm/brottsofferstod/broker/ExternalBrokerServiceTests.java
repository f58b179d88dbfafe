package se.stockholm.brottsofferstod.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.TestPorts;
import se.stockholm.brottsofferstod.support.TestService;

/**
 * The service in external-broker mode ({@code intake.broker.embedded=false}) against a broker started from
 * deploy/artemis/broker.xml, logged in as its own user intake-service (no administrator): the police send a referral
 * over JMS as their broker user, the service takes it, and the partner's system reads the case from its own queue.
 */
class ExternalBrokerServiceTests {

    @Test
    void theServiceWorksOnTheRepositorysBrokerAsItsOwnNonAdminUser(@TempDir Path dir) throws Exception {
        int port = TestPorts.free();
        ActiveMQServer broker = ExternalBroker.startSingle(dir.resolve("broker"), port);
        String url = "tcp://127.0.0.1:" + port;
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(IntakeApplication.class).run(
                "--server.port=0",
                "--intake.data-dir=" + dir.resolve("service"),
                "--intake.security.users-file=" + TestService.USERS_FILE,
                "--intake.dispatch.period-ms=50",
                "--intake.http.servlet-name=ExternalBrokerServlet",
                "--intake.broker.embedded=false",
                "--spring.artemis.mode=native",
                "--spring.artemis.broker-url=" + url,
                "--spring.artemis.user=intake-service",
                "--spring.artemis.password=" + ExternalBroker.PASSWORDS.get("intake-service"))) {
            String httpPort = service.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);

            String referral = Examples.withFreshIds(Examples.ADULT, Examples.unique());
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
            try (Connection police = factory.createConnection("police-feed", ExternalBroker.PASSWORDS.get("police-feed"))) {
                Session session = police.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("referrals.police")).send(session.createTextMessage(referral));
            }
            try (Connection partner = factory.createConnection("sodra-system", ExternalBroker.PASSWORDS.get("sodra-system"))) {
                partner.start();
                Session session = partner.createSession(false, Session.AUTO_ACKNOWLEDGE);
                try (MessageConsumer consumer = session.createConsumer(session.createQueue("cases.boj-sodra-stockholm"))) {
                    Message message = consumer.receive(60_000);
                    assertThat(message).as("the case on the partner's queue").isInstanceOf(TextMessage.class);
                    assertThat(((TextMessage) message).getText()).contains("\"partner\"");
                    assertThat(message.getStringProperty("partner")).isEqualTo("boj-sodra-stockholm");
                    assertThat(message.getStringProperty("_AMQ_DUPL_ID")).as("duplicate detection id").isNotBlank();
                    assertThat(message.getStringProperty("_AMQ_VALIDATED_USER")).as("sent by the service's own user")
                            .isEqualTo("intake-service");
                }
            }
        } finally {
            broker.stop();
        }
    }
}
