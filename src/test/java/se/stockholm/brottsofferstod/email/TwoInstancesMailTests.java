package se.stockholm.brottsofferstod.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.stockholm.brottsofferstod.support.CompletedExchanges;
import se.stockholm.brottsofferstod.support.OwnContext;
import se.stockholm.brottsofferstod.support.SecondInstance;
import se.stockholm.brottsofferstod.support.TestDatabase;

/**
 * Two instances of the service poll one mailbox (issue 13): both see the same unseen mails at the same moment and
 * take them, yet each mail makes one case, one message on its queue and one reply, and ends flagged seen. The mail's
 * receipt key (its Message-ID, or for a mail without one a keyed hash of its identifying headers, the same on every
 * instance) is the receipt's primary key and the reply outbox's unique key: the instance that comes second finds the
 * mail a DUPLICATE and queues no reply.
 */
@Tag(TestDatabase.TAG)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.com.icegreen.greenmail=WARN", "intake.instance-id=first"})
@OwnContext
class TwoInstancesMailTests {

    static final TestMailServer MAIL = new TestMailServer().start();
    private static ConfigurableApplicationContext second;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ConnectionFactory connectionFactory;

    @Autowired
    private CamelContext camel;

    @Autowired
    private ConfigurableApplicationContext first;

    @DynamicPropertySource
    static void mailProperties(DynamicPropertyRegistry registry) {
        MAIL.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        MAIL.close();
    }

    @Test
    void mailsSeenByBothInstancesAtOnceMakeOneCaseAndOneReplyEach() throws Exception {
        second = SecondInstance.start(TwoInstancesMailTests.class, first, "second", new HashMap<>(MAIL.properties()));
        AtomicInteger byFirst = CompletedExchanges.of(camel, "email-imap");
        AtomicInteger bySecond = CompletedExchanges.of(second.getBean(CamelContext.class), "email-imap");
        List<String> senders = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String sender = Mails.sender();
            String id = Mails.id();
            senders.add(sender);
            ids.add(id);
            MAIL.deliver(Mails.plain(id, sender, "Hjälp", "Hej, jag blev rånad igår och vill prata med någon."));
        }
        // two without a Message-ID: their key is a keyed hash of their headers, the same on both instances
        for (int i = 0; i < 2; i++) {
            String sender = Mails.sender();
            senders.add(sender);
            MAIL.deliver(Mails.plain("x", sender, "Utan id", "Hej, jag behöver stöd.").replace("Message-ID: <x>\r\n", ""));
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> MAIL.inbox().stream().allMatch(m -> m.isSet(jakarta.mail.Flags.Flag.SEEN)));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM email_reply WHERE status = 'PENDING'", Integer.class) == 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> senders.stream().allMatch(s -> !MAIL.mailsTo(s).isEmpty()));

        System.out.printf("two instances on one mailbox: %d mails taken by the first, %d by the second (each mail"
                + " once would be %d)%n", byFirst.get(), bySecond.get(), senders.size());
        for (String id : ids) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE external_id = ?", Integer.class, id))
                    .as("cases of " + id).isEqualTo(1);
        }
        List<String> references = jdbc.queryForList("SELECT case_reference FROM support_case WHERE source = 'EMAIL'", String.class);
        assertThat(references).as("one case per mail").hasSize(senders.size());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM email_reply", Integer.class)).as("one reply per mail")
                .isEqualTo(senders.size());
        for (String sender : senders) {
            assertThat(MAIL.mailsTo(sender)).as("replies to one sender").hasSize(1);
        }
        Map<String, Integer> queued = drainCaseQueues(new HashSet<>(references));
        assertThat(queued).as("one queue message per case").hasSize(senders.size());
        assertThat(queued.values()).containsOnly(1);
        assertThat(byFirst.get() + bySecond.get()).isGreaterThanOrEqualTo(senders.size());
    }

    /** Once the case outbox is empty, consumes the case queues and counts the messages of these cases. */
    private Map<String, Integer> drainCaseQueues(Set<String> references) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM case_outbox", Integer.class) == 0);
        List<String> queues = jdbc.queryForList("SELECT DISTINCT partner FROM support_case WHERE source = 'EMAIL'", String.class)
                .stream().map(partner -> "cases." + partner).toList();
        Map<String, Integer> counted = new HashMap<>();
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : queues) {
                try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                    Instant until = Instant.now().plusSeconds(60);
                    for (Message message = consumer.receive(2_000); message != null && Instant.now().isBefore(until);
                         message = consumer.receive(2_000)) {
                        String reference = message.getStringProperty("caseReference");
                        if (references.contains(reference)) {
                            counted.merge(reference, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        return counted;
    }
}
