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
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

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
            exit = run(n, mail, dataDir);
        } finally {
            deleteTree(dataDir);
        }
        System.exit(exit);
    }

    private static int run(int n, TestMailServer mail, Path dataDir) throws Exception {
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--intake.data-dir=" + dataDir,
                "--intake.broker.port=" + TestPorts.free(), "--intake.dispatch.period-ms=50",
                "--logging.level.se.stockholm.brottsofferstod=WARN", "--logging.level.com.icegreen=WARN"));
        mail.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IntakeApplication.class)
                .bannerMode(Banner.Mode.OFF).run(args.toArray(String[]::new))) {
            CamelContext camel = context.getBean(CamelContext.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            camel.getRouteController().stopRoute("email-imap");

            List<String> ids = new ArrayList<>(n);
            List<String> senders = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String id = Mails.id();
                String sender = Mails.sender();
                ids.add(id);
                senders.add(sender);
                mail.deliver(mailNumber(i, id, sender));
            }
            System.out.printf(Locale.ROOT, "%nemail benchmark: %d mails in GreenMail's mailbox; starting the email-imap route%n", n);

            long start = System.nanoTime();
            camel.getRouteController().startRoute("email-imap");
            boolean taken = waitFor(() -> count(jdbc, "SELECT COUNT(*) FROM support_case WHERE source = 'EMAIL'") == n
                    && count(jdbc, "SELECT COUNT(*) FROM case_outbox") == 0);
            boolean seen = taken && waitFor(() -> ids.stream().allMatch(mail::seen));
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
