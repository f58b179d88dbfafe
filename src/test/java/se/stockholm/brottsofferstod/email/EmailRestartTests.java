package se.stockholm.brottsofferstod.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.support.TestDatabase;
import se.stockholm.brottsofferstod.support.TestPorts;

/** Nothing is lost when the service stops in the middle of a mail, or when the mail server is down. */
@Tag(TestDatabase.TAG)
class EmailRestartTests {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(TestMailServer mail, int brokerPort, String... extra) {
        return start(mail, Map.of(), brokerPort, extra);
    }

    private ConfigurableApplicationContext start(TestMailServer mail, Map<String, Object> overrides, int brokerPort,
                                                 String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--intake.data-dir=" + dataDir,
                "--intake.broker.port=" + brokerPort,
                "--intake.security.users-file=src/test/resources/test-users.yml",
                "--intake.dispatch.period-ms=50",
                "--intake.http.servlet-name=EmailRestartTestsServlet"));
        Map<String, Object> settings = new java.util.HashMap<>(mail.properties());
        settings.putAll(overrides);
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(TestDatabase.arguments(dataDir));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(IntakeApplication.class).run(args.toArray(String[]::new));
    }

    private String h2Url() {
        return "jdbc:h2:file:" + dataDir + "/db/intake;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The service's settings that make it wait for a lock as long as a test needs (PostgreSQL waits unbounded). */
    private String[] waitingForLocks() {
        return TestDatabase.postgres() ? new String[0] : new String[] {"--spring.datasource.url=" + h2Url() + ";LOCK_TIMEOUT=60000"};
    }

    /** A connection of the test's own to the service's database. */
    private Connection connection() throws SQLException {
        if (!TestDatabase.postgres()) {
            return DriverManager.getConnection(h2Url(), "intake", "");
        }
        Map<String, String> settings = TestDatabase.arguments(dataDir).stream().map(a -> a.substring(2).split("=", 2))
                .collect(java.util.stream.Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        return DriverManager.getConnection(settings.get("spring.datasource.url"), settings.get("spring.datasource.username"),
                settings.get("spring.datasource.password"));
    }

    private static int cases(ConfigurableApplicationContext context, String messageId) {
        return context.getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM support_case WHERE external_id = ?", Integer.class, messageId);
    }

    @Test
    void aMailFetchedWhenTheServiceStopsBeforeStoringItStaysUnseenAndIsTakenOnceAfterTheRestart() throws Exception {
        int brokerPort = TestPorts.free();
        String id = Mails.id();
        String sender = Mails.sender();
        try (TestMailServer mail = new TestMailServer().start()) {
            int year = Year.now(java.time.ZoneId.of("Europe/Stockholm")).getValue();
            List<String> firstSettings = new ArrayList<>(List.of(waitingForLocks()));
            firstSettings.add("--camel.main.shutdown-timeout=1");
            try (ConfigurableApplicationContext first = start(mail, brokerPort, firstSettings.toArray(String[]::new));
                 Connection blocker = connection()) {
                // hold the case counter's row, so the intake fetches the mail and then waits before storing anything
                try (Statement s = blocker.createStatement()) {
                    s.executeUpdate("INSERT INTO case_counter (counter_year, last_number) VALUES (" + year + ", 0)");
                    blocker.setAutoCommit(false);
                    s.executeUpdate("UPDATE case_counter SET last_number = last_number WHERE counter_year = " + year);
                }
                mail.deliver(Mails.plain(id, sender, "Hjälp", "Jag är 30 år och bor i Bromma. Någon bröt sig in hos mig."));
                CamelContext camel = first.getBean(CamelContext.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> camel.getInflightRepository().size("email-imap") == 1);

                first.close();
                assertThat(mail.seen(id)).isFalse();
                blocker.rollback();
            }

            try (ConfigurableApplicationContext second = start(mail, brokerPort)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> cases(second, id) == 1 && mail.seen(id));
                await().atMost(Duration.ofSeconds(20)).until(() -> mail.mailsTo(sender).size() == 1);
                assertThat(cases(second, id)).isEqualTo(1);
            }
        }
    }

    @Test
    void whenTheMailServerIsDownAtStartTheIntakeResumesByItselfOnceItIsBack() throws Exception {
        int brokerPort = TestPorts.free();
        String id = Mails.id();
        String sender = Mails.sender();
        try (TestMailServer mail = new TestMailServer()) {
            try (ConfigurableApplicationContext context = start(mail, brokerPort)) {
                String port = context.getEnvironment().getProperty("local.server.port");
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);

                mail.start();
                mail.deliver(Mails.plain(id, sender, "Hjälp", "Jag är 22 år och bor i Skarpnäck."));

                await().atMost(Duration.ofSeconds(30)).until(() -> cases(context, id) == 1 && mail.seen(id));
                await().atMost(Duration.ofSeconds(20)).until(() -> mail.mailsTo(sender).size() == 1);
            }
        }
    }

    @Test
    void aReplyThatCannotBeSentWhileTheSmtpServerIsDownIsSentOnceItIsBack() throws Exception {
        int brokerPort = TestPorts.free();
        String id = Mails.id();
        String sender = Mails.sender();
        try (TestMailServer mailbox = new TestMailServer().start(); TestMailServer smtp = new TestMailServer()) {
            try (ConfigurableApplicationContext context = start(mailbox, smtp.smtpProperties(), brokerPort,
                    "--intake.mail.reply-first-retry=200ms")) {
                JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                String receiptKey = context.getBean(Keys.class).receipt(Source.EMAIL, id);
                mailbox.deliver(Mails.plain(id, sender, "Hjälp", "Jag är 37 år och bor i Östermalm."));
                await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM email_reply WHERE incoming_key = ? AND status = 'PENDING' AND attempts >= 2",
                        Integer.class, receiptKey) == 1);
                assertThat(mailbox.seen(id)).isTrue();

                smtp.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> smtp.mailsTo(sender).size() == 1);
                assertThat(jdbc.queryForObject("SELECT status FROM email_reply WHERE incoming_key = ?", String.class,
                        receiptKey)).isEqualTo("SENT");
            }
        }
    }
}
