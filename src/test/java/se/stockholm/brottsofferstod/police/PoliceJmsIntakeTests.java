package se.stockholm.brottsofferstod.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;

/** The police's JMS channel, driven the way an outside system does it: over the broker's TCP acceptor. */
class PoliceJmsIntakeTests extends IntakeIntegrationTest {

    private void sendAsPolice(String... bodies) throws JMSException {
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort())
                .createConnection(POLICE_USER, POLICE_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("referrals.police"));
            for (String body : bodies) {
                producer.send(session.createTextMessage(body));
            }
        }
    }

    @Test
    void contractExamplesSentToTheQueueBecomeTheirCases() throws JMSException {
        String suffix = Examples.unique();
        String[] batch = Examples.withFreshIds(Examples.BATCH, suffix).strip().split("\n");
        sendAsPolice(Examples.withFreshIds(Examples.ADULT, suffix), Examples.withFreshIds(Examples.MINOR_NO_CONSENT, suffix),
                batch[0], batch[1]);

        await().atMost(Duration.ofSeconds(20)).until(() -> casesWithExternalId("PM-2-" + suffix) == 1
                && casesWithExternalId("PM-1-" + suffix) == 1 && casesWithExternalId("PM-STHLM-2024-000917-" + suffix) == 1);
        assertThat(jdbc.queryForObject("SELECT partner FROM support_case WHERE external_id = ?", String.class,
                "PM-STHLM-2024-000917-" + suffix)).isEqualTo("boj-sodra-stockholm");
        assertThat(jdbc.queryForObject("SELECT partner FROM support_case WHERE external_id = ?", String.class, "PM-1-" + suffix))
                .isEqualTo("boj-vasterort");
        assertThat(jdbc.queryForObject("SELECT channel FROM support_case WHERE external_id = ?", String.class, "PM-2-" + suffix))
                .isEqualTo("JMS");
        assertThat(casesWithExternalId("PM-STHLM-2024-000918-" + suffix)).isZero();
    }

    @Test
    void invalidMessageIsRecordedAndDeadLetteredNotRetried() throws JMSException {
        String id = "JMS-BAD-" + Examples.unique();
        sendAsPolice(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id).replace("\"sentAt\"", "\"sent\""));

        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("intake.dlq", "externalId = '" + id + "'") == 1);
        assertThat(rejectionsFor(id)).isEqualTo(1);
        assertThat(casesWithExternalId(id)).isZero();
        assertThat(countOnQueue("referrals.police", "1 = 1")).isZero();
    }

    @Test
    void sameReferralOverRestAndJmsMakesOneCase() throws JMSException {
        String id = "CROSS-" + Examples.unique();
        String body = Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id);
        assertThat(postReferrals(body).statusCode()).isEqualTo(202);

        sendAsPolice(body);

        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("referrals.police", "1 = 1") == 0);
        assertThat(casesWithExternalId(id)).isEqualTo(1);
    }

    @Test
    void partnerSystemMayNotSendReferralsNorReadAnotherPartnersQueue() throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort());
        try (Connection connection = factory.createConnection("sodra-system", "sodra-secret")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createProducer(session.createQueue("referrals.police"))
                    .send(session.createTextMessage("{}"))).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("cases.boj-vasterort")))
                    .isInstanceOf(JMSSecurityException.class);
            session.createConsumer(session.createQueue("cases.boj-sodra-stockholm")).close();
        }
        assertThatThrownBy(() -> factory.createConnection("sodra-system", "wrong").close())
                .isInstanceOf(JMSSecurityException.class);
    }
}
