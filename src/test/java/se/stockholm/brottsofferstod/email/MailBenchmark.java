package se.stockholm.brottsofferstod.email;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.CamelContext;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.support.TestPorts;

/**
 * Throughput of the email intake end to end, run by {@code bench/mail [N]} (not a test: no Spring annotations,
 * so the application's component scan of the test classpath never picks it up). Starts GreenMail and the
 * service in-process on a temporary data folder and free ports, puts N mails into the mailbox while the
 * email-imap route is stopped, starts it, and times until every mail is a case on its queue and flagged seen,
 * then until every reply has reached the SMTP server. Exits non-zero if a count does not match.
 * <p>
 * With {@code -Dbench.imap.host} (and {@code .port}, {@code .username}, {@code .password}) the mailbox is that
 * IMAP server's INBOX instead of GreenMail's ({@code bench/mail dovecot} starts a private Dovecot for it); the
 * replies still go to GreenMail's SMTP server.
 */
public final class MailBenchmark {

    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final String[] PLACES = {"Hökarängen", "Tensta", "Bromma", "Farsta", "Rinkeby", "Kista", "Skärholmen",
            "Södermalm", "Vällingby", "Årsta"};

    private MailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int exit;
        Path dataDir = Files.createTempDirectory("intake-mail-bench-");
        try (TestMailServer mail = new TestMailServer().start()) {
            String imapHost = System.getProperty("bench.imap.host");
            exit = run(n, mail, imapHost == null ? new GreenMailbox(mail) : new ImapMailbox(mail, imapHost,
                    Integer.parseInt(System.getProperty("bench.imap.port", "143")),
                    System.getProperty("bench.imap.username"), System.getProperty("bench.imap.password")), dataDir);
        } finally {
            deleteTree(dataDir);
        }
        System.exit(exit);
    }

    /** Where the mails wait: GreenMail's mailbox, or a real IMAP server's. */
    private interface Mailbox {
        String name();

        /** The intake.mail settings that point the service at it (SMTP stays GreenMail's). */
        Map<String, Object> properties();

        void deliver(List<String> sources) throws Exception;

        boolean allSeen(List<String> ids) throws Exception;
    }

    private record GreenMailbox(TestMailServer mail) implements Mailbox {
        @Override
        public String name() {
            return "GreenMail's";
        }

        @Override
        public Map<String, Object> properties() {
            return mail.properties();
        }

        @Override
        public void deliver(List<String> sources) {
            sources.forEach(mail::deliver);
        }

        @Override
        public boolean allSeen(List<String> ids) {
            return ids.stream().allMatch(mail::seen);
        }
    }

    /** A real IMAP server's INBOX (plain IMAP on loopback), filled with APPEND and watched with STATUS. */
    private static final class ImapMailbox implements Mailbox {
        private final TestMailServer smtp;
        private final String host;
        private final int port;
        private final String username;
        private final String password;
        private final Store store;

        ImapMailbox(TestMailServer smtp, String host, int port, String username, String password) throws Exception {
            this.smtp = smtp;
            this.host = host;
            this.port = port;
            this.username = username;
            this.password = password;
            this.store = Session.getInstance(new Properties()).getStore("imap");
            store.connect(host, port, username, password);
        }

        @Override
        public String name() {
            return "the IMAP server's (" + host + ":" + port + ")";
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> properties = new HashMap<>(smtp.properties());
            properties.put("intake.mail.imap.host", host);
            properties.put("intake.mail.imap.port", Integer.toString(port));
            properties.put("intake.mail.imap.username", username);
            properties.put("intake.mail.imap.password", password);
            return properties;
        }

        @Override
        public void deliver(List<String> sources) throws Exception {
            Folder inbox = store.getFolder("INBOX");
            if (inbox.getMessageCount() != 0) {
                throw new IllegalStateException("the IMAP server's INBOX is not empty");
            }
            Session session = Session.getInstance(new Properties());
            for (int from = 0; from < sources.size(); from += 100) {
                List<String> batch = sources.subList(from, Math.min(sources.size(), from + 100));
                Message[] messages = new Message[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    messages[i] = new MimeMessage(session, new java.io.ByteArrayInputStream(
                            batch.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                inbox.appendMessages(messages);
            }
        }

        @Override
        public boolean allSeen(List<String> ids) throws Exception {
            Folder inbox = store.getFolder("INBOX");
            return inbox.getMessageCount() == ids.size() && inbox.getUnreadMessageCount() == 0;
        }
    }

    private static int run(int n, TestMailServer mail, Mailbox mailbox, Path dataDir) throws Exception {
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--intake.data-dir=" + dataDir,
                "--intake.broker.port=" + TestPorts.free(), "--intake.dispatch.period-ms=50",
                "--logging.level.se.stockholm.brottsofferstod=WARN", "--logging.level.com.icegreen=WARN"));
        mailbox.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IntakeApplication.class)
                .bannerMode(Banner.Mode.OFF).run(args.toArray(String[]::new))) {
            CamelContext camel = context.getBean(CamelContext.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            camel.getRouteController().stopRoute("email-imap");

            List<String> ids = new ArrayList<>(n);
            List<String> sources = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String id = Mails.id();
                ids.add(id);
                sources.add(mailNumber(i, id, Mails.sender()));
            }
            mailbox.deliver(sources);
            System.out.printf(Locale.ROOT, "%nemail benchmark: %d mails in %s mailbox; starting the email-imap route%n", n,
                    mailbox.name());

            long start = System.nanoTime();
            camel.getRouteController().startRoute("email-imap");
            boolean taken = waitFor(() -> count(jdbc, "SELECT COUNT(*) FROM support_case WHERE source = 'EMAIL'") == n
                    && count(jdbc, "SELECT COUNT(*) FROM case_outbox") == 0);
            boolean seen = taken && waitFor(() -> {
                try {
                    return mailbox.allSeen(ids);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            double intakeSeconds = (System.nanoTime() - start) / 1e9;
            boolean replied = seen && waitFor(() -> count(jdbc, "SELECT COUNT(*) FROM email_reply WHERE status = 'SENT'") == n);
            double replySeconds = (System.nanoTime() - start) / 1e9;
            int replies = mail.repliesSent();
            double loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

            System.out.printf(Locale.ROOT, "taken in (case stored, on its queue, mail flagged seen): %d mails in %.1f s = %.0f mails/s%n",
                    n, intakeSeconds, n / intakeSeconds);
            System.out.printf(Locale.ROOT, "replies sent over SMTP: %d in %.1f s from the start = %.0f replies/s%n",
                    replies, replySeconds, replies / replySeconds);
            System.out.printf(Locale.ROOT, "machine: %d cores, load average %.2f at start, %.2f at end; peak heap %d MB of %d MB%n",
                    Runtime.getRuntime().availableProcessors(), loadAtStart, loadAtEnd, peakHeapMb(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            boolean counts = taken && seen && replied && replies == n
                    && count(jdbc, "SELECT COUNT(*) FROM support_case WHERE source = 'EMAIL'") == n;
            System.out.println(counts ? "all counts match" : "COUNTS DO NOT MATCH: taken " + taken + ", seen " + seen
                    + ", replied " + replied + " (" + replies + " replies)");
            return counts ? 0 : 1;
        }
    }

    /** Swedish and English mails; seven in ten say age and place, the rest go to triage. */
    private static String mailNumber(int i, String id, String sender) {
        String place = PLACES[i % PLACES.length];
        int age = 15 + i % 60;
        String body = switch (i % 10) {
            case 0, 1, 2, 3 -> "Hej, jag är " + age + " år och bor i " + place + ". Min granne hotar mig och jag vågar inte gå ut.";
            case 4, 5, 6 -> "Hello, I am " + age + " and I live in " + place + ". Someone stole my phone and hit me.";
            case 7, 8 -> "Hej, jag blev rånad i helgen och mår dåligt. Kan någon ringa mig?";
            default -> "Hello, my sister was attacked last night. Can someone help us?";
        };
        return Mails.plain(id, sender, "Hjälp", body);
    }

    private static int count(JdbcTemplate jdbc, String sql) {
        Integer count = jdbc.queryForObject(sql, Integer.class);
        return count == null ? 0 : count;
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage).mapToLong(u -> u.getUsed()).sum() / (1024 * 1024);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
