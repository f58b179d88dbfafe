package se.stockholm.brottsofferstod.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.SetPropertyDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsTemplate;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import se.stockholm.brottsofferstod.support.OwnContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13, "Poison": on each queue the service consumes (referrals.police, case-events, and intake.dlq itself, the
 * broker's own dead letters), a message that always fails on our side is tried the bounded number of times
 * (redelivery), then ends on intake.dlq with its reason and in the dead-letter desk; the consumer goes on and
 * takes a good message sent after it. The fault is real code in the real route: each consumer's route gets one step
 * more (Camel's AdviceWith), which throws for a message marked {@code poison}.
 */
@OwnContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "intake.redeliveries=2", "intake.redelivery-delay-ms=50"})
class PoisonMessageTests extends IntakeIntegrationTest {

    private static final int ATTEMPTS = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Per route: how often the poison step saw a poisoned message. */
    private static final Map<String, AtomicInteger> POISON_SEEN = new ConcurrentHashMap<>();

    @Autowired
    private CamelContext camel;

    private static boolean poisoned;

    /** The routes of the three consumers, each with a step after its first (naming its entry) that fails on poison. */
    private void poisonTheConsumers() throws Exception {
        synchronized (PoisonMessageTests.class) {
            if (poisoned) {
                return;
            }
            for (String route : List.of("police-jms", "case-events", "dead-letter-broker", "police-file-inbox")) {
                POISON_SEEN.put(route, new AtomicInteger());
                AdviceWith.adviceWith(camel, route, advice -> advice.weaveByType(SetPropertyDefinition.class).selectFirst().after()
                        .process(exchange -> failOnPoison(route, exchange)));
            }
            poisoned = true;
        }
    }

    private static void failOnPoison(String route, Exchange exchange) throws JMSException {
        Object body = exchange.getIn().getBody();
        boolean poison = body instanceof Message message ? message.propertyExists("poison")
                : exchange.getIn().getHeader("poison") != null
                || String.valueOf(exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY)).startsWith("poison-");
        if (poison) {
            POISON_SEEN.get(route).incrementAndGet();
            throw new IllegalStateException("a poison message (test)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"referrals.police", "case-events", "intake.dlq"})
    void aMessageThatAlwaysFailsEndsOnTheDeadLetterQueueWithItsReasonAndTheConsumerGoesOn(String queue) throws Exception {
        poisonTheConsumers();
        String tag = Examples.unique();
        String route = Map.of("referrals.police", "police-jms", "case-events", "case-events", "intake.dlq", "dead-letter-broker").get(queue);
        int seenBefore = POISON_SEEN.get(route).get();
        String poisonId;
        Runnable sendGood;
        java.util.function.BooleanSupplier goodTaken;
        switch (queue) {
            case "referrals.police" -> {
                poisonId = "PM-POISON-" + tag;
                String goodId = "PM-GOOD-" + tag;
                send(queue, "police-feed", "police-secret", referral(poisonId), true);
                sendGood = () -> send(queue, "police-feed", "police-secret", referral(goodId), false);
                goodTaken = () -> casesWithExternalId(goodId) == 1;
            }
            case "case-events" -> {
                String poisonCase = sodraCase();
                String goodCase = sodraCase();
                poisonId = poisonCase;
                send(queue, "sodra-system", "sodra-secret", attempt(poisonCase), true);
                sendGood = () -> send(queue, "sodra-system", "sodra-secret", attempt(goodCase), false);
                goodTaken = () -> jdbc.queryForObject("SELECT COUNT(*) FROM contact_attempt a JOIN support_case c ON a.case_id = c.id"
                        + " WHERE c.case_reference = ?", Integer.class, goodCase) == 1;
            }
            default -> {
                // a message the broker moved here itself: no deadLetterId yet, so the desk's consumer takes it
                poisonId = "PM-POISON-" + tag;
                String goodId = "PM-GOOD-" + tag;
                sendAsService(queue, referral(poisonId), true);
                sendGood = () -> sendAsService(queue, referral(goodId), false);
                goodTaken = () -> jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE external_id = ?", Integer.class, goodId) == 1;
            }
        }
        sendGood.run();

        await().atMost(Duration.ofSeconds(30)).until(goodTaken::getAsBoolean);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterReason(poisonId) != null);
        String reason = deadLetterReason(poisonId);
        assertThat(reason).contains("could not be taken in " + ATTEMPTS + " attempts (IllegalStateException)");
        long id = jdbc.queryForObject("SELECT MAX(id) FROM dead_letter WHERE external_id = ?", Long.class, poisonId);
        // the desk's row is committed first, the copy with the consumer's JMS transaction
        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("intake.dlq", "deadLetterId = " + id) == 1);
        String onQueue = new JmsTemplate(connectionFactory).browseSelected("intake.dlq", "deadLetterId = " + id,
                (session, browser) -> ((Message) browser.getEnumeration().nextElement()).getStringProperty("rejectionReason"));
        assertThat(onQueue).as("the reason on intake.dlq").contains("could not be taken in " + ATTEMPTS + " attempts");
        // bounded: tried the policy's attempts, then never again
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> POISON_SEEN.get(route).get() - seenBefore <= ATTEMPTS);
        assertThat(POISON_SEEN.get(route).get() - seenBefore).as("attempts").isEqualTo(ATTEMPTS);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE external_id = ?", Integer.class, poisonId))
                .as("one dead letter").isEqualTo(1);
    }

    @Test
    void anInboxFileThatAlwaysFailsIsSetAsideWithItsReasonAndTheInboxGoesOn() throws Exception {
        poisonTheConsumers();
        Path inbox = Path.of(environment.getProperty("intake.police.inbox"));
        String tag = Examples.unique();
        int seenBefore = POISON_SEEN.get("police-file-inbox").get();
        String poisonFile = "poison-" + tag + ".ndjson";
        String goodId = "PM-GOOD-FILE-" + tag;
        dropInInbox(inbox, poisonFile, oneLine(referral("PM-POISON-FILE-" + tag)));
        dropInInbox(inbox, "good-" + tag + ".ndjson", oneLine(referral(goodId)));

        await().atMost(Duration.ofSeconds(30)).until(() -> casesWithExternalId(goodId) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".failed").resolve(poisonFile)));
        assertThat(inbox.resolve(poisonFile)).as("not read again on every poll").doesNotExist();
        List<String> reasons = jdbc.queryForList("SELECT reason FROM dead_letter WHERE reason LIKE ?", String.class,
                "%" + poisonFile + "%");
        assertThat(reasons).singleElement().asString()
                .contains("could not be taken in " + ATTEMPTS + " attempts (IllegalStateException)")
                .contains(".failed/" + poisonFile);
        assertThat(POISON_SEEN.get("police-file-inbox").get() - seenBefore).as("attempts").isEqualTo(ATTEMPTS);
        assertThat(casesWithExternalId("PM-POISON-FILE-" + tag)).isZero();
    }

    private static String oneLine(String json) {
        return json.replaceAll("\\s*\\n\\s*", "") + "\n";
    }

    /** Written under another name and renamed into the inbox, as a sender should. */
    private static void dropInInbox(Path inbox, String name, String content) throws Exception {
        Path part = inbox.resolve("." + name + ".part");
        Files.writeString(part, content);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private String deadLetterReason(String externalId) {
        List<String> reasons = jdbc.queryForList("SELECT reason FROM dead_letter WHERE external_id = ?", String.class, externalId);
        return reasons.isEmpty() ? null : reasons.get(0);
    }

    private static String referral(String id) {
        return Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id);
    }

    private static String attempt(String reference) {
        return """
                {"type":"CONTACT_ATTEMPT","caseReference":"%s","at":"2026-01-12T18:15:00+01:00","channel":"PHONE","outcome":"REACHED"}"""
                .formatted(reference);
    }

    private String sodraCase() {
        HttpResponse<String> response = postReferrals(Examples.withFreshIds(Examples.ADULT, Examples.unique()));
        return JSON.readTree(response.body()).get("results").get(0).get("caseReference").asString();
    }

    private void send(String queue, String user, String password, String body, boolean poison) {
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort()).createConnection(user, password)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message message = session.createTextMessage(body);
            if (poison) {
                message.setBooleanProperty("poison", true);
            }
            session.createProducer(session.createQueue(queue)).send(message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendAsService(String queue, String body, boolean poison) {
        new JmsTemplate(connectionFactory).send(queue, session -> {
            Message message = session.createTextMessage(body);
            message.setStringProperty("_AMQ_ORIG_ADDRESS", "referrals.police");
            if (poison) {
                message.setBooleanProperty("poison", true);
            }
            return message;
        });
    }
}
