package se.stockholm.brottsofferstod.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import jakarta.mail.Flags;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.store.StoredMessage;

import se.stockholm.brottsofferstod.support.OwnContext;
import se.stockholm.brottsofferstod.support.ServiceLog;

/**
 * A mailbox of the mail real people and machines send that is not quite MIME: GreenMail cannot give some of them
 * an envelope, others have broken or endless multiparts, unknown charsets, no Message-ID. Every mail is flagged
 * within a bounded time, each a case or a dead letter, and the log does not repeat itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.com.icegreen.greenmail=WARN",
        // a row lock held elsewhere fails the intake at once instead of after H2's ten seconds
        "spring.datasource.url=jdbc:h2:file:${intake.data-path}/db/intake;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=200",
        "intake.redeliveries=2", "intake.redelivery-delay-ms=100"})
@OwnContext
class MalformedMailTests {

    static final TestMailServer MAIL = new TestMailServer().start();

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ConnectionFactory connectionFactory;

    @DynamicPropertySource
    static void mailProperties(DynamicPropertyRegistry registry) {
        MAIL.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stopMailServer() {
        MAIL.close();
    }

    /** A mail with its marker, a word in its text that tells it apart wherever it ends. */
    private record Sent(String name, String marker) {
    }

    private static String marker(String name) {
        return "Merke" + name.replaceAll("[^A-Za-z]", "") + Mails.unique().replaceAll("\\d", "x");
    }

    private static String text(String marker) {
        return "Hej, jag är 30 år och bor i Bromma. Någon hotar mig. " + marker;
    }

    private static String headersWithout(String messageId, String from) {
        return (messageId == null ? "" : "Message-ID: <" + messageId + ">\r\n") + "From: " + from + "\r\n"
                + "To: " + TestMailServer.ADDRESS + "\r\nSubject: Hjälp\r\nDate: Tue, 25 Nov 2026 10:00:00 +0100\r\n"
                + "MIME-Version: 1.0\r\n";
    }

    /** Multiparts nested this deep, each opened and none ever closed. */
    private static String endlessNesting(int levels, String marker) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            body.append("--n").append(i).append("\r\nContent-Type: multipart/mixed; boundary=\"n").append(i + 1).append("\"\r\n\r\n");
        }
        return body.append("--n").append(levels).append("\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
                .append(text(marker)).append("\r\n").toString();
    }

    private Map<String, Sent> deliverMalformedMails() {
        Map<String, Sent> sent = new LinkedHashMap<>();
        java.util.function.BiConsumer<String, java.util.function.Function<String, byte[]>> deliver = (name, source) -> {
            String marker = marker(name);
            sent.put(marker, new Sent(name, marker));
            MAIL.deliver(source.apply(marker));
        };
        // each from a sender of its own: a second mail from one sender would join the first one's open case
        java.util.function.Supplier<String> senders = Mails::sender;
        deliver.accept("unloadable envelope: a From without its end", m -> (headersWithout(Mails.id(), "\"Anna <" + senders.get())
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text(m) + "\r\n").getBytes(StandardCharsets.UTF_8));
        deliver.accept("unloadable envelope: a To of angle brackets", m -> (headersWithout(Mails.id(), senders.get()).replace(
                "To: " + TestMailServer.ADDRESS, "To: <<<@@@") + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text(m)
                + "\r\n").getBytes(StandardCharsets.UTF_8));
        deliver.accept("multipart without its end", m -> (headersWithout(Mails.id(), senders.get())
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + text(m) + "\r\n").getBytes(StandardCharsets.UTF_8));
        deliver.accept("multipart whose boundary never comes", m -> (headersWithout(Mails.id(), senders.get())
                + "Content-Type: multipart/mixed; boundary=\"never\"\r\n\r\n" + text(m) + "\r\n").getBytes(StandardCharsets.UTF_8));
        deliver.accept("multipart without a boundary", m -> (headersWithout(Mails.id(), senders.get())
                + "Content-Type: multipart/alternative\r\n\r\n" + text(m) + "\r\n").getBytes(StandardCharsets.UTF_8));
        deliver.accept("no Message-ID, 8-bit text in an unknown charset", m -> (headersWithout(null, senders.get())
                + "Content-Type: text/plain; charset=x-no-such-charset\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text(m)
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        deliver.accept("no Message-ID, no headers at all", m -> ("\r\n" + text(m) + "\r\n").getBytes(StandardCharsets.UTF_8));
        deliver.accept("multiparts nested without end", m -> (headersWithout(Mails.id(), senders.get())
                + "Content-Type: multipart/mixed; boundary=\"n0\"\r\n\r\n" + endlessNesting(4, m)).getBytes(StandardCharsets.UTF_8));
        deliver.accept("multiparts nested without end beyond the limit", m -> (headersWithout(Mails.id(), senders.get())
                + "Content-Type: multipart/mixed; boundary=\"n0\"\r\n\r\n" + endlessNesting(MailReader.MAX_DEPTH * 5, m))
                .getBytes(StandardCharsets.UTF_8));
        deliver.accept("a digest", m -> (headersWithout(Mails.id(), senders.get()) + "Content-Type: multipart/digest; boundary=\"d\"\r\n\r\n"
                + "--d\r\n\r\nFrom: a@example.se\r\nSubject: Ett\r\n\r\n" + text(m) + "\r\n"
                + "--d\r\n\r\nFrom: \"Bertil <b@example.se\r\nSubject: Två\r\n\r\nAndra brevet.\r\n--d--\r\n").getBytes(StandardCharsets.UTF_8));
        deliver.accept("a forwarded mail with a broken sender", m -> (headersWithout(Mails.id(), senders.get())
                + "Content-Type: message/rfc822\r\n\r\nFrom: \"Cecilia <c@example.se\r\nSubject: Vidare\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text(m) + "\r\n").getBytes(StandardCharsets.UTF_8));
        deliver.accept("a content type without a slash", m -> (headersWithout(Mails.id(), senders.get())
                + "Content-Type: texthtml; charset=UTF-8\r\n\r\n" + text(m) + "\r\n").getBytes(StandardCharsets.UTF_8));
        deliver.accept("a well-formed mail", m -> Mails.plain(Mails.id(), senders.get(), "Hjälp", text(m)).getBytes(StandardCharsets.UTF_8));
        return sent;
    }

    private static String source(StoredMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.getMimeMessage().writeTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record DeadLetter(String text, String item) {
    }

    private List<DeadLetter> deadLetters() {
        List<DeadLetter> found = new ArrayList<>();
        new JmsTemplate(connectionFactory).browseSelected("intake.dlq", "channel = 'IMAP'", (session, browser) -> {
            for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
                TextMessage message = (TextMessage) e.nextElement();
                found.add(new DeadLetter(message.getText(), message.getStringProperty("item")));
            }
            return null;
        });
        return found;
    }

    private String caseText(String marker) {
        List<String> texts = jdbc.queryForList("SELECT text FROM support_case WHERE source = 'EMAIL' AND text LIKE ?",
                String.class, "%" + marker + "%");
        return texts.isEmpty() ? null : texts.get(0);
    }

    @Test
    void aMailThatFailsOnOurSideIsRedeliveredByCamelABoundedNumberOfTimesThenDeadLetteredByItsUidAndFlagged()
            throws Exception {
        long mark = ServiceLog.mark();
        int year = java.time.Year.now(java.time.ZoneId.of("Europe/Stockholm")).getValue();
        jdbc.update("INSERT INTO case_counter (counter_year, last_number) SELECT ?, 0 WHERE NOT EXISTS "
                + "(SELECT 1 FROM case_counter WHERE counter_year = ?)", year, year);
        String marker = marker("our side");
        String id = Mails.id();
        try (java.sql.Connection blocker = jdbc.getDataSource().getConnection()) {
            // the case counter's row held by another transaction: every attempt to open the case fails on our side
            blocker.setAutoCommit(false);
            try (java.sql.Statement s = blocker.createStatement()) {
                s.executeUpdate("UPDATE case_counter SET last_number = last_number WHERE counter_year = " + year);
            }
            MAIL.deliver(Mails.plain(id, Mails.sender(), "Hjälp", text(marker)));
            await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.seen(id));
            blocker.rollback();
        }

        long uid = MAIL.stored(id).get(0).getUid();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE external_id = ?", Integer.class, id)).isZero();
        assertThat(jdbc.queryForList("SELECT reason FROM rejection WHERE item = ?", String.class, "IMAP UID " + uid))
                .singleElement().asString().contains("could not be taken in 3 attempts");
        assertThat(deadLetters()).filteredOn(d -> ("IMAP UID " + uid).equals(d.item())).singleElement()
                .satisfies(d -> assertThat(d.text()).contains(marker));
        String log = ServiceLog.since(mark);
        assertThat(log.split("On delivery attempt", -1)).as("one line per attempt, no stack trace").hasSize(3 + 1);
        assertThat(log).doesNotContain("\tat org.apache.camel");
        assertThat(log).doesNotContain("rolling back message status");
    }

    @Test
    void everyMalformedMailIsFlaggedWithinABoundedTimeAsACaseOrADeadLetterAndTheLogDoesNotRepeatItself() {
        long mark = ServiceLog.mark();
        Map<String, Sent> sent = deliverMalformedMails();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> MAIL.inbox().stream().allMatch(m -> m.isSet(Flags.Flag.SEEN)));

        List<DeadLetter> deadLetters = deadLetters();
        Map<String, String> outcome = new LinkedHashMap<>();
        for (StoredMessage stored : MAIL.inbox()) {
            String source = source(stored);
            Sent mail = sent.values().stream().filter(s -> source.contains(s.marker())).findFirst().orElse(null);
            if (mail == null) {
                continue; // another test's mail
            }
            String caseText = caseText(mail.marker());
            boolean deadLetter = deadLetters.stream().anyMatch(d -> d.text().contains(mail.marker())
                    || ("IMAP UID " + stored.getUid()).equals(d.item()));
            assertThat(caseText != null || deadLetter).as(mail.name() + ": a case or a dead letter").isTrue();
            assertThat(caseText != null && deadLetter).as(mail.name() + ": not both").isFalse();
            outcome.put(mail.name(), caseText != null ? "case" : "dead letter");
        }
        // not valid MIME, yet what the person wrote is read as text and becomes a case, with a note for the staff
        for (String name : List.of("multipart whose boundary never comes", "multipart without a boundary")) {
            assertThat(outcome).as(name).containsEntry(name, "case");
        }
        String readAsText = caseText(sent.values().stream().filter(s -> s.name().equals("multipart without a boundary"))
                .findFirst().orElseThrow().marker());
        assertThat(readAsText).contains("Någon hotar mig").contains("[The mail is not valid MIME");
        // a subject in 8-bit UTF-8, not encoded as the rules say, keeps its letters, envelope or not
        for (String name : List.of("unloadable envelope: a From without its end", "a well-formed mail")) {
            assertThat(caseText(sent.values().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().marker()))
                    .as(name).startsWith("Subject: Hjälp");
        }
        for (String name : List.of("no Message-ID, 8-bit text in an unknown charset", "multiparts nested without end",
                "a digest", "a forwarded mail with a broken sender", "a well-formed mail", "multipart without its end",
                "unloadable envelope: a From without its end")) {
            assertThat(outcome).as(name).containsEntry(name, "case");
        }
        assertThat(outcome).hasSize(sent.size())
                .containsEntry("multiparts nested without end beyond the limit", "dead letter");

        // each mail is taken once: after it is flagged nothing about it is logged again, and no stack trace repeats
        long settled = ServiceLog.mark();
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(ServiceLog.since(settled)).doesNotContain("email-imap").doesNotContain("MailConsumer");
        String log = ServiceLog.since(mark);
        assertThat(log).doesNotContain("rolling back message status").doesNotContain("\tat org.eclipse.angus");
    }
}
