package se.stockholm.brottsofferstod.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.benchmark.ReferralGenerator.Format;
import se.stockholm.brottsofferstod.benchmark.ReferralGenerator.Stats;
import se.stockholm.brottsofferstod.routing.Router;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throughput benchmark of the police referral intake, run by {@code bench/run [N]} (not a test: no Spring
 * annotations here, so the application's component scan of the test classpath never picks it up).
 * <ol>
 * <li>starts the service in-process on a fresh data folder, free ports and a users file of its own;</li>
 * <li>REST: posts N referrals in batches (invalid ones alone, each expecting 400) and times until every
 * referral is stored and every case is on its partner's queue;</li>
 * <li>file inbox: one NDJSON file (and one JSON array file) of N fresh referrals, renamed into the inbox,
 * timed until stored, queued and moved to .done;</li>
 * <li>stops the service and runs the raw floor ({@link RawFloor}) on N more referrals, then the schema floor
 * ({@link SchemaFloor}: the same single thread writing the service's tables with every index) on N more;</li>
 * <li>prints a summary and exits 0 only if every count matched.</li>
 * </ol>
 * Settings (system properties): bench.batch (1000), bench.concurrency (3), bench.timeout.s (300: longest wait
 * without progress), bench.maxPhase.s (3600), bench.jsonFile (true), bench.floor (true), bench.schemaFloor (true), bench.warmup (20 000 referrals through REST and the file inbox before the
 * measured runs; 0: none), bench.db (h2; postgres: the service on an embedded
 * PostgreSQL, the floors still on H2), bench.purge (true: empty
 * the queues between runs, untimed, as if the partners had consumed them), bench.keep (false: keep the temp
 * folder), bench.phasesFile (phase windows, for the JFR summary).
 */
public final class IntakeBenchmark {

    private static final String USER = "bench-police";
    private static final String PASSWORD = "bench-secret";
    private static final long POLL_MILLIS = 50;

    private final int n;
    private final int batch = Integer.getInteger("bench.batch", 1000);
    private final int concurrency = Integer.getInteger("bench.concurrency", 3);
    private final int invalidPerRequest = Integer.getInteger("bench.invalidPerRequest", 1);
    private final Duration stall = Duration.ofSeconds(Long.getLong("bench.timeout.s", 300));
    private final Duration maxPhase = Duration.ofSeconds(Long.getLong("bench.maxPhase.s", 3600));
    private final boolean jsonFile = Boolean.parseBoolean(System.getProperty("bench.jsonFile", "true"));
    private final boolean floor = Boolean.parseBoolean(System.getProperty("bench.floor", "true"));
    private final boolean schemaFloor = Boolean.parseBoolean(System.getProperty("bench.schemaFloor", "true"));
    /**
     * Referrals sent through REST and then the file inbox before the measured runs, untimed in the figures (their own
     * lines say what they cost): the JIT compiles the intake's path there, not in the measured REST run, which comes
     * first. 0 leaves the warm-up out.
     */
    private final int warmup = Integer.getInteger("bench.warmup", 20_000);
    /** h2 (the default, embedded) or postgres (an embedded PostgreSQL in its own processes, as the production database) */
    private final String database = System.getProperty("bench.db", "h2");
    private EmbeddedPostgres postgres;
    private final boolean purge = Boolean.parseBoolean(System.getProperty("bench.purge", "true"));
    private final boolean histogram = Boolean.getBoolean("bench.histogram");
    private final Path phasesFile = System.getProperty("bench.phasesFile") != null
            ? Path.of(System.getProperty("bench.phasesFile")) : null;
    private final Path root = Path.of("").toAbsolutePath();
    private final Path districts = root.resolve("config/routing/districts.yml");
    private final HeapWatch heap = new HeapWatch();
    private final List<String> failures = new ArrayList<>();
    private final List<HeapWatch.PhaseCost> costs = new ArrayList<>();
    private final List<String> results = new ArrayList<>();
    private Path tmp;
    private double loadAtStart;

    private IntakeBenchmark(int n) {
        this.n = n;
    }

    public static void main(String[] args) {
        int exit = 2;
        startWatchdog(Duration.ofMinutes(Long.getLong("bench.deadline.min", 180)));
        try {
            int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
            if (n < 100) {
                throw new IllegalArgumentException("N must be at least 100");
            }
            exit = new IntakeBenchmark(n).run();
        } catch (Throwable t) {
            System.err.println("BENCHMARK FAILED: " + t);
            t.printStackTrace();
            exit = 2;
        } finally {
            System.out.flush();
            System.err.flush();
            System.exit(exit);
        }
    }

    /** Whatever happens (a hung shutdown, a wait without its own timeout), the process ends. */
    private static void startWatchdog(Duration deadline) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(deadline.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("BENCHMARK WATCHDOG: still running after " + deadline + ", halting");
            Thread.getAllStackTraces().forEach((t, stack) -> {
                System.err.println("\"" + t.getName() + "\" " + t.getState());
                for (StackTraceElement e : stack) {
                    System.err.println("    at " + e);
                }
            });
            Runtime.getRuntime().halt(3);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private int run() throws Exception {
        tmp = Files.createTempDirectory("intake-bench-");
        loadAtStart = heap.loadAverage();
        System.out.printf(Locale.ROOT, "%nintake benchmark: N=%d, batch %d, %d concurrent requests, temp folder %s%n",
                n, batch, concurrency, tmp);
        Run rest = null;
        Run ndjson = null;
        Run json = null;
        FloorRun raw = null;
        FloorRun schema = null;
        ConfigurableApplicationContext context = null;
        try {
            long t0 = System.nanoTime();
            heap.begin("startup");
            context = startService();
            costs.add(heap.end());
            System.out.printf(Locale.ROOT, "service started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            Service service = new Service(context);

            if (warmup > 0) {
                phase("warm-up REST", () -> restRun(service, "warm-up REST", "A", warmup));
                phase("warm-up file", () -> fileRun(service, "warm-up file", "B", Format.NDJSON, warmup));
            }
            rest = phase("REST", () -> restRun(service, "REST", "R", n));
            ndjson = phase("file NDJSON", () -> fileRun(service, "file " + Format.NDJSON, "F", Format.NDJSON, n));
            if (jsonFile) {
                json = phase("file JSON array", () -> fileRun(service, "file " + Format.JSON_ARRAY, "J", Format.JSON_ARRAY, n));
            }
        } catch (Exception e) {
            failures.add("service run aborted: " + e);
            e.printStackTrace();
        } finally {
            if (context != null) {
                stopService(context);
            }
        }
        if (floor) {
            try {
                raw = phase("floor", () -> floorRun("floor", "W", RawFloor::run));
            } catch (Exception e) {
                failures.add("floor aborted: " + e);
                e.printStackTrace();
            }
        }
        if (schemaFloor) {
            try {
                schema = phase("schema floor", () -> floorRun("schema floor", "S", SchemaFloor::run));
            } catch (Exception e) {
                failures.add("schema floor aborted: " + e);
                e.printStackTrace();
            }
        }
        summary(rest, ndjson, json, raw, schema);
        if (!Boolean.getBoolean("bench.keep")) {
            deleteTree(tmp);
        }
        return failures.isEmpty() ? 0 : 1;
    }

    private interface PhaseBody<T> {
        T run() throws Exception;
    }

    private <T> T phase(String name, PhaseBody<T> body) throws Exception {
        System.out.printf("%n--- %s ---%n", name);
        return body.run();
    }

    /** The timed part of a run begins: CPU, GC and heap are counted from here (data generation is not). */
    private Instant timedStart(String name) {
        heap.begin(name);
        return Instant.now();
    }

    /** The timed part of a run ends; its window goes to bench.phasesFile for the JFR summary. */
    private void timedEnd(String name, Instant start) throws IOException {
        costs.add(heap.end());
        if (histogram) {
            System.out.println("  live heap after " + name + " (class histogram, top 20):\n" + HeapWatch.histogram(23));
        }
        if (phasesFile != null) {
            Files.writeString(phasesFile, "%s\t%d\t%d%n".formatted(name.replace(' ', '_'), start.toEpochMilli(),
                    Instant.now().toEpochMilli()), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    // ------------------------------------------------------------------ the service

    private ConfigurableApplicationContext startService() throws IOException {
        Path users = tmp.resolve("users.yml");
        // a bcrypt hash as in production: Spring Security upgrades a {noop} password to a new BCrypt hash at each login,
        // a cost (4 % of the REST run's samples) that production, whose users file holds bcrypt hashes, does not pay
        Files.writeString(users, """
                users:
                  - { username: %s, password: "{bcrypt}%s", role: POLICE }
                """.formatted(USER, new BCryptPasswordEncoder().encode(PASSWORD)));
        int httpPort = freePort();
        int brokerPort = freePort();
        List<String> args = new ArrayList<>(List.of("--intake.data-dir=" + tmp.resolve("data"),
                "--server.address=127.0.0.1",
                "--server.port=" + httpPort,
                "--intake.broker.port=" + brokerPort,
                "--intake.security.users-file=" + users,
                "--intake.police.max-body-size=64MB",
                "--logging.level.se.stockholm.brottsofferstod=WARN",
                // one WARN line per rejected referral (about 1 % of N per run) would drown the output
                "--logging.level.se.stockholm.brottsofferstod.intake.Rejections=ERROR"));
        postgres = startDatabase(database, args);
        return new SpringApplicationBuilder(IntakeApplication.class).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run(args.toArray(String[]::new));
    }

    /**
     * The database of a benchmark's service ({@code bench.db}): {@code h2}, the embedded default, adds nothing and gives
     * {@code null}; {@code postgres} starts an embedded PostgreSQL (processes of its own), adds its datasource to
     * {@code args} and gives it, for the caller to close.
     */
    static EmbeddedPostgres startDatabase(String database, List<String> args) throws IOException {
        if (database.equals("h2")) {
            return null;
        }
        if (!database.equals("postgres")) {
            throw new IllegalArgumentException("bench.db is h2 or postgres, not " + database);
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        args.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
        args.add("--spring.datasource.username=postgres");
        args.add("--spring.datasource.password=");
        return postgres;
    }

    private void stopService(ConfigurableApplicationContext context) {
        long t0 = System.nanoTime();
        Thread closer = new Thread(context::close, "bench-service-close");
        closer.start();
        try {
            closer.join(Duration.ofMinutes(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            failures.add("the service did not shut down within 2 minutes");
        } else {
            System.out.printf(Locale.ROOT, "service stopped in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                failures.add("the embedded PostgreSQL did not stop: " + e);
            }
        }
    }

    /** The service's state as the benchmark checks it: tables through its JdbcTemplate, queues on its broker. */
    private static final class Service {
        final JdbcTemplate jdbc;
        final ActiveMQServer broker;
        final List<String> caseQueues;
        final URI endpoint;
        final Path inbox;
        long brokerPeakBytes;
        boolean paged;

        Service(ConfigurableApplicationContext context) {
            this.jdbc = context.getBean(JdbcTemplate.class);
            this.broker = context.getBean(EmbeddedActiveMQ.class).getActiveMQServer();
            this.caseQueues = context.getBean(Router.class).partners().caseQueues();
            this.endpoint = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
                    + "/api/referrals/police");
            this.inbox = Path.of(context.getEnvironment().getRequiredProperty("intake.police.inbox"));
        }

        Snapshot snapshot() {
            long cases = count("SELECT COUNT(*) FROM support_case");
            long noConsent = count("SELECT COUNT(*) FROM referral_receipt WHERE status = 'NO_CONSENT'");
            long outbox = count("SELECT COUNT(*) FROM case_outbox");
            long rejections = count("SELECT COUNT(*) FROM rejection");
            return new Snapshot(cases, noConsent, outbox, queued(), messages("intake.dlq"), rejections);
        }

        /**
         * The cheap part of a snapshot, for polling every 50 ms: the no-consent receipts (an index range scan) are
         * counted only once the cases are all there, the rejections and dead letters not at all (-1).
         */
        Snapshot poll(long casesExpected) {
            long cases = count("SELECT COUNT(*) FROM support_case");
            long outbox = count("SELECT COUNT(*) FROM case_outbox");
            long noConsent = cases >= casesExpected
                    ? count("SELECT COUNT(*) FROM referral_receipt WHERE status = 'NO_CONSENT'") : -1;
            return new Snapshot(cases, noConsent, outbox, queued(), -1, -1);
        }

        long count(String sql) {
            Long value = jdbc.queryForObject(sql, Long.class);
            return value == null ? 0 : value;
        }

        long queued() {
            brokerPeakBytes = Math.max(brokerPeakBytes, broker.getPagingManager().getGlobalSize());
            long queued = 0;
            for (String queue : caseQueues) {
                queued += messages(queue);
                try {
                    paged |= broker.getPagingManager().getPageStore(SimpleString.of(queue)).isPaging();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return queued;
        }

        long messages(String queue) {
            Queue q = broker.locateQueue(SimpleString.of(queue));
            return q == null ? 0 : q.getMessageCount();
        }

        /** The broker's messages in memory at their peak since the last call, and whether it paged to disk. */
        String brokerMemory() {
            long maxSize = broker.getConfiguration().getGlobalMaxSize();
            String text = "broker held up to %s of messages in memory (global max %s)%s".formatted(HeapWatch.mb(brokerPeakBytes),
                    maxSize < 0 ? "half the heap" : HeapWatch.mb(maxSize), paged ? ", paged to disk" : "");
            brokerPeakBytes = broker.getPagingManager().getGlobalSize();
            paged = false;
            return text;
        }

        /**
         * After a run whose queue counts fell short: the stored cases whose message is on no case queue (browsing every
         * message there, paged ones too), and where the first of them are (case row, outbox row, queues' counts).
         */
        String unqueuedCases() {
            Set<String> onQueues = new HashSet<>();
            long browsed = 0;
            for (String queue : caseQueues) {
                Queue q = broker.locateQueue(SimpleString.of(queue));
                if (q == null) {
                    continue;
                }
                try (var messages = q.browserIterator()) {
                    while (messages.hasNext()) {
                        Object reference = messages.next().getMessage().getObjectProperty("caseReference");
                        browsed++;
                        if (reference != null) {
                            onQueues.add(reference.toString());
                        }
                    }
                }
            }
            Map<String, String> stored = new TreeMap<>();
            jdbc.query("SELECT case_reference, external_id FROM support_case WHERE source = 'POLICE'",
                    (java.sql.ResultSet rs) -> {
                        stored.put(rs.getString(1), rs.getString(2));
                    });
            List<String> missing = stored.keySet().stream().filter(r -> !onQueues.contains(r)).toList();
            Map<String, Integer> missingPerRun = new TreeMap<>();
            missing.forEach(r -> missingPerRun.merge(stored.get(r).replaceAll("^PM-BENCH-([A-Z]+)-.*$", "$1"), 1, Integer::sum));
            missing = missing.stream().filter(r -> !stored.get(r).matches("PM-BENCH-[AB]-.*")).toList();
            List<String> first = missing.subList(0, Math.min(5, missing.size()));
            String outbox = first.isEmpty() ? "" : jdbc.queryForList("SELECT case_reference FROM case_outbox WHERE case_reference IN ("
                    + String.join(",", java.util.Collections.nCopies(first.size(), "?")) + ")", String.class, first.toArray()).toString();
            return "browsed %d messages on the case queues (%d distinct cases); %d stored police cases on no case queue, per run's "
                    .formatted(browsed, onQueues.size(), missingPerRun.values().stream().mapToInt(Integer::intValue).sum())
                    + "tag %s (the purged runs' all are); first of the others %s, in the outbox: %s; ExpiryQueue %d, intake.dlq %d"
                    .formatted(missingPerRun, first, outbox, messages("ExpiryQueue"), messages("intake.dlq"));
        }

        /** Empties the case queues and the dead-letter queue, as if the partners had taken their cases. */
        long purge() throws Exception {
            long removed = 0;
            List<String> queues = new ArrayList<>(caseQueues);
            queues.add("intake.dlq");
            for (String queue : queues) {
                Queue q = broker.locateQueue(SimpleString.of(queue));
                if (q != null) {
                    removed += q.deleteAllReferences();
                }
            }
            return removed;
        }
    }

    private record Snapshot(long cases, long noConsent, long outbox, long queued, long deadLetters, long rejections) {
        long stored() {
            return cases + noConsent;
        }

        @Override
        public String toString() {
            return "stored %d (%d cases + %d no-consent receipts), outbox %d, queued %d, rejections %d, dead letters %d"
                    .formatted(stored(), cases, noConsent, outbox, queued, rejections, deadLetters);
        }
    }

    /** One timed run against the service. */
    private record Run(String name, Stats stats, double seconds, double takenAt, String detail) {
        double perSecond() {
            return stats.total() / seconds;
        }
    }

    // ------------------------------------------------------------------ REST

    private record Post(byte[] body, int referrals, boolean invalid) {
        static final Post END = new Post(null, 0, false);
    }

    private Run restRun(Service service, String name, String tag, int count) throws Exception {
        Path dataset = tmp.resolve(tag + "-rest.ndjson");
        Stats stats = new ReferralGenerator(tag, districts).write(dataset, count, Format.NDJSON);
        System.out.println(name + " data set: " + stats);
        Snapshot before = service.snapshot();
        service.brokerMemory();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        BlockingQueue<Post> posts = new ArrayBlockingQueue<>(concurrency * 2);
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicLong firstSend = new AtomicLong();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger duplicate = new AtomicInteger();
        AtomicInteger noConsent = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        JsonMapper json = JsonMapper.builder().build();

        AtomicInteger invalidRequests = new AtomicInteger();
        Thread producer = new Thread(() -> {
            try (BufferedReader in = Files.newBufferedReader(dataset, StandardCharsets.UTF_8)) {
                StringBuilder body = new StringBuilder(batch * 900);
                StringBuilder invalid = new StringBuilder();
                int inBody = 0;
                int inInvalid = 0;
                int index = 0;
                String line;
                while ((line = in.readLine()) != null) {
                    if (stats.invalidLines().get(index++)) {
                        // refused whole, so sent on its own: one referral as an object, or a small array of invalid ones
                        invalid.append(inInvalid == 0 ? (invalidPerRequest == 1 ? "" : "[") : ",").append(line);
                        if (++inInvalid == invalidPerRequest) {
                            offer(posts, new Post(closeInvalid(invalid).getBytes(StandardCharsets.UTF_8), inInvalid, true));
                            invalidRequests.incrementAndGet();
                            invalid.setLength(0);
                            inInvalid = 0;
                        }
                        continue;
                    }
                    body.append(inBody == 0 ? '[' : ',').append(line);
                    if (++inBody == batch) {
                        offer(posts, new Post(body.append(']').toString().getBytes(StandardCharsets.UTF_8), inBody, false));
                        body.setLength(0);
                        inBody = 0;
                    }
                }
                if (inBody > 0) {
                    offer(posts, new Post(body.append(']').toString().getBytes(StandardCharsets.UTF_8), inBody, false));
                }
                if (inInvalid > 0) {
                    offer(posts, new Post(closeInvalid(invalid).getBytes(StandardCharsets.UTF_8), inInvalid, true));
                    invalidRequests.incrementAndGet();
                }
            } catch (Exception e) {
                errors.add("reading the data set: " + e);
            } finally {
                try {
                    posts.offer(Post.END, stall.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "bench-rest-producer");
        producer.setDaemon(true);

        CountDownLatch sendersDone = new CountDownLatch(concurrency);
        Runnable sender = () -> {
            try {
                while (true) {
                    Post post = posts.poll(stall.toMillis(), TimeUnit.MILLISECONDS);
                    if (post == null) {
                        errors.add("no work for a sender for " + stall);
                        return;
                    }
                    if (post == Post.END) {
                        posts.put(Post.END);
                        return;
                    }
                    firstSend.compareAndSet(0, System.nanoTime());
                    HttpRequest request = HttpRequest.newBuilder(service.endpoint).timeout(stall)
                            .header("Content-Type", "application/json").header("Authorization", authorization)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(post.body())).build();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    requests.incrementAndGet();
                    for (int attempt = 1; response.statusCode() == 503 && attempt <= 5; attempt++) {
                        // the contract: nothing was kept, send the same request again
                        retries.incrementAndGet();
                        errors.add("503 on a batch of %d (retried): %s".formatted(post.referrals(),
                                new String(response.body(), StandardCharsets.UTF_8)));
                        Thread.sleep(200L * attempt);
                        response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        requests.incrementAndGet();
                    }
                    String answer = new String(response.body(), StandardCharsets.UTF_8);
                    if (post.invalid()) {
                        if (response.statusCode() == 400) {
                            refused.incrementAndGet();
                        } else {
                            errors.add("an invalid referral was answered %d: %s".formatted(response.statusCode(),
                                    abbreviate(answer)));
                        }
                    } else if (response.statusCode() == 202) {
                        JsonNode results = json.readTree(response.body()).path("results");
                        if (results.size() != post.referrals()) {
                            errors.add("%d results for a batch of %d".formatted(results.size(), post.referrals()));
                        }
                        for (JsonNode result : results) {
                            switch (result.path("status").asString()) {
                                case "ACCEPTED" -> accepted.incrementAndGet();
                                case "DUPLICATE" -> duplicate.incrementAndGet();
                                case "NO_CONSENT" -> noConsent.incrementAndGet();
                                default -> errors.add("unknown result " + result);
                            }
                        }
                    } else {
                        errors.add("a valid batch of %d was answered %d: %s".formatted(post.referrals(), response.statusCode(),
                                abbreviate(answer)));
                    }
                }
            } catch (Exception e) {
                errors.add("sender: " + e);
            } finally {
                sendersDone.countDown();
            }
        };
        Instant timed = timedStart(name);
        producer.start();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(sender, "bench-rest-sender-" + i);
            t.setDaemon(true);
            senders.add(t);
            t.start();
        }
        if (!sendersDone.await(maxPhase.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the REST senders did not finish within " + maxPhase);
        }
        long responsesAt = System.nanoTime();
        long t0 = firstSend.get();
        Awaited done = await(name, service, t0, before, stats, null, null);
        timedEnd(name, timed);
        if (!done.ok()) {
            throw new IllegalStateException("REST run did not complete; the service runs stop here");
        }
        System.out.printf(Locale.ROOT,
                "responses: %d requests (%d retried after 503), %d ACCEPTED, %d NO_CONSENT, %d DUPLICATE, %d x 400%n",
                requests.get(), retries.get(), accepted.get(), noConsent.get(), duplicate.get(), refused.get());
        errors.stream().limit(20).forEach(e -> System.out.println("  REST problem: " + e));
        if (!errors.isEmpty()) {
            failures.add("REST: %d problems, first: %s".formatted(errors.size(), errors.peek()));
        }
        if (retries.get() == 0 && (accepted.get() != stats.cases() || noConsent.get() != stats.noConsent()
                || duplicate.get() != stats.duplicates())) {
            failures.add("REST answers: %d ACCEPTED, %d NO_CONSENT, %d DUPLICATE; expected %d, %d, %d".formatted(accepted.get(),
                    noConsent.get(), duplicate.get(), stats.cases(), stats.noConsent(), stats.duplicates()));
        }
        if (refused.get() != invalidRequests.get()) {
            failures.add("REST: %d requests of invalid referrals refused with 400, expected %d".formatted(refused.get(),
                    invalidRequests.get()));
        }
        verify(name, service, before, stats, done);
        String broker = service.brokerMemory();
        purge(service);
        double responses = (responsesAt - t0) / 1e9;
        return new Run(name, stats, done.allAt, responses,
                ("all responses after %.1f s, queued after %.1f s; %d requests: batches of up to %d, %d concurrent, "
                        + "%d x 400 for the invalid ones sent %d per request%s; %s")
                        .formatted(responses, done.allAt, requests.get(), batch, concurrency, refused.get(), invalidPerRequest,
                                retries.get() > 0 ? ", " + retries.get() + " retries after 503" : "", broker));
    }

    private String closeInvalid(StringBuilder invalid) {
        return invalidPerRequest == 1 ? invalid.toString() : invalid + "]";
    }

    private void offer(BlockingQueue<Post> posts, Post post) throws InterruptedException {
        if (!posts.offer(post, stall.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the senders took nothing for " + stall);
        }
    }

    // ------------------------------------------------------------------ file inbox

    private Run fileRun(Service service, String name, String tag, Format format, int count) throws Exception {
        Files.createDirectories(service.inbox);
        String fileName = "bench-" + tag + (format == Format.NDJSON ? ".ndjson" : ".json");
        Path part = service.inbox.resolve("." + fileName + ".part");
        Stats stats = new ReferralGenerator(tag, districts).write(part, count, format);
        System.out.printf(Locale.ROOT, "%s data set (%.1f MB): %s%n", format, Files.size(part) / 1024.0 / 1024.0, stats);
        // taken = gone from the inbox: a file with referrals without consent is deleted, not kept in .done
        Path done = service.inbox.resolve(fileName);
        Path report = service.inbox.resolve(".done").resolve("bench-" + tag + ".rejections.json");
        Snapshot before = service.snapshot();
        service.brokerMemory();

        Instant timed = timedStart(name);
        long t0 = System.nanoTime();
        Files.move(part, service.inbox.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        Awaited awaited = await(name, service, t0, before, stats, done,
                stats.invalid() > 0 ? report : null);
        timedEnd(name, timed);
        if (!awaited.ok()) {
            throw new IllegalStateException(name + " run did not complete; the service runs stop here");
        }
        verify(name, service, before, stats, awaited);
        if (awaited.ok && stats.invalid() > 0) {
            JsonNode rejections = JsonMapper.builder().build().readTree(report.toFile());
            if (rejections.size() != stats.invalid()) {
                failures.add("file %s: the rejections report lists %d, expected %d".formatted(format, rejections.size(),
                        stats.invalid()));
            }
        }
        String broker = service.brokerMemory();
        purge(service);
        return new Run(name, stats, awaited.allAt, awaited.fileDoneAt,
                "file in .done (all taken) after %.1f s, all stored and queued after %.1f s; %s".formatted(
                        awaited.fileDoneAt, awaited.allAt, broker));
    }

    // ------------------------------------------------------------------ waiting and checking

    private record Awaited(boolean ok, double fileDoneAt, double allAt) {
    }

    /**
     * Polls every 50 ms until every case of the data set is on its queue (and the file is in .done), then until
     * the database holds every referral and the outbox is empty; gives up after {@code bench.timeout.s} without
     * progress. Only the broker's counters are polled until they reach the target: a COUNT(*) on H2 while
     * other transactions write reads the whole table (it took a third of the CPU samples when polled every 50 ms).
     */
    private Awaited await(String what, Service service, long t0, Snapshot before, Stats stats, Path doneFile, Path report)
            throws InterruptedException {
        long expectedStored = before.stored() + stats.stored();
        long expectedQueued = before.queued() + stats.cases();
        double fileDoneAt = doneFile == null ? Double.NaN : Double.POSITIVE_INFINITY;
        long lastProgress = System.nanoTime();
        long lastPrint = lastProgress;
        long gcWindowStart = lastProgress;
        long gcAtWindowStart = heap.gcMillis();
        String previous = null;
        while (true) {
            boolean fileDone = doneFile == null || !Files.exists(doneFile) && (report == null || Files.exists(report));
            long queued = service.queued();
            long t = System.nanoTime();
            double elapsed = (t - t0) / 1e9;
            if (fileDone && doneFile != null && fileDoneAt == Double.POSITIVE_INFINITY) {
                fileDoneAt = elapsed;
            }
            String progress = "queued %d of %d%s".formatted(queued - before.queued(), stats.cases(),
                    doneFile == null ? "" : fileDone ? ", file in .done" : ", file not yet in .done");
            if (fileDone && queued >= expectedQueued) {
                Snapshot now = service.poll(before.cases() + stats.cases());
                if (now.noConsent() >= 0 && now.stored() >= expectedStored && now.outbox() == 0) {
                    return new Awaited(true, fileDoneAt, (System.nanoTime() - t0) / 1e9);
                }
                progress += "; " + now;
            }
            if (!progress.equals(previous)) {
                lastProgress = t;
                previous = progress;
            }
            if (t - lastPrint > 10_000_000_000L) {
                System.out.printf(Locale.ROOT, "  %s after %.0f s: %s%n", what, elapsed, progress);
                lastPrint = t;
            }
            if (t - gcWindowStart > 60_000_000_000L) {
                // the heap is exhausted if the collector takes (nearly) all the time: stop instead of crawling on
                double gcShare = (heap.gcMillis() - gcAtWindowStart) * 1e6 / (t - gcWindowStart);
                if (gcShare > 0.8) {
                    failures.add("%s: aborted after %.0f s, the heap is exhausted (GC took %.0f %% of the last minute): %s"
                            .formatted(what, elapsed, gcShare * 100, progress));
                    System.out.println("  live heap (class histogram, top 20):\n" + HeapWatch.histogram(23));
                    return new Awaited(false, fileDoneAt, elapsed);
                }
                gcWindowStart = t;
                gcAtWindowStart = heap.gcMillis();
            }
            if (t - lastProgress > stall.toNanos() || t - t0 > maxPhase.toNanos()) {
                failures.add("%s: timed out after %.0f s (%s without progress): %s; %s; expected stored %d, queued %d"
                        .formatted(what, elapsed, stall, progress, service.snapshot(), expectedStored, expectedQueued));
                failures.add(what + ": " + service.unqueuedCases());
                return new Awaited(false, fileDoneAt, elapsed);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The counts once settled: exactly what the data set holds, nothing more, nothing lost. */
    private void verify(String what, Service service, Snapshot before, Stats stats, Awaited awaited) throws InterruptedException {
        Thread.sleep(500); // anything still arriving late would be a surplus
        Snapshot after = service.snapshot();
        System.out.println("  " + what + " settled: " + after);
        check(what, "cases", after.cases() - before.cases(), stats.cases());
        check(what, "no-consent receipts", after.noConsent() - before.noConsent(), stats.noConsent());
        check(what, "queued case messages", after.queued() - before.queued(), stats.cases());
        check(what, "outbox rows", after.outbox(), 0);
        check(what, "rejection records", after.rejections() - before.rejections(), stats.invalid());
        check(what, "dead letters", after.deadLetters() - before.deadLetters(), stats.invalid());
    }

    /**
     * Between runs (untimed): the queues are emptied, as the partners would have taken their cases, so that a
     * run does not start with the earlier runs' messages in the broker's memory (bench.purge=false keeps them).
     */
    private void purge(Service service) throws Exception {
        if (purge) {
            long t0 = System.nanoTime();
            service.purge(); // (its count of removed references runs high once the broker has paged: not used)
            long left = service.queued() + service.messages("intake.dlq");
            for (long deadline = System.nanoTime() + 30_000_000_000L; left > 0 && System.nanoTime() < deadline; ) {
                Thread.sleep(100); // a paged queue's count catches up a little later
                left = service.queued() + service.messages("intake.dlq");
            }
            System.out.printf(Locale.ROOT, "  purged the case and dead-letter queues (%.1f s, untimed): %d messages left%n",
                    (System.nanoTime() - t0) / 1e9, left);
        }
    }

    private void check(String what, String name, long actual, long expected) {
        if (actual != expected) {
            failures.add("%s: %d %s, expected %d".formatted(what, actual, name, expected));
        }
    }

    // ------------------------------------------------------------------ floor

    private record FloorRun(Stats stats, RawFloor.Result result) {
        double perSecond() {
            return stats.total() / result.seconds();
        }
    }

    private interface Floor {
        RawFloor.Result run(Path ndjson, Path workDir, Runnable onStart) throws Exception;
    }

    private FloorRun floorRun(String name, String tag, Floor floorKind) throws Exception {
        Path dataset = tmp.resolve(tag + "-floor.ndjson");
        Stats stats = new ReferralGenerator(tag, districts).write(dataset, n, Format.NDJSON);
        System.out.println(name + " data set: " + stats);
        Instant[] timed = new Instant[1];
        RawFloor.Result result = floorKind.run(dataset, tmp.resolve(tag + "-floor"), () -> timed[0] = timedStart(name));
        timedEnd(name, timed[0]);
        check(name, "rows", result.rows(), stats.stored());
        check(name, "messages", result.messages(), stats.cases());
        check(name, "invalid", result.invalid(), stats.invalid());
        check(name, "duplicates", result.duplicates(), stats.duplicates());
        System.out.printf(Locale.ROOT, name + ": %.1f s; parse %.1f s, schema+check digit %.1f s, JDBC %.1f s, JMS %.1f s%n",
                result.seconds(), result.parseNanos() / 1e9, result.schemaNanos() / 1e9, result.jdbcNanos() / 1e9,
                result.jmsNanos() / 1e9);
        return new FloorRun(stats, result);
    }

    // ------------------------------------------------------------------ summary

    private void summary(Run rest, Run ndjson, Run json, FloorRun raw, FloorRun schema) {
        String nproc = System.getProperty("bench.nproc", String.valueOf(Runtime.getRuntime().availableProcessors()));
        String javaVersion = System.getProperty("bench.javaVersion",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        StringBuilder s = new StringBuilder();
        s.append("\n==================== intake benchmark summary ====================\n");
        line(s, "N", "%d referrals per run (~10 %% without consent, ~1 %% duplicates, ~1 %% invalid)".formatted(n));
        line(s, "warm-up", warmup > 0 ? "%d referrals through REST, then %d through the file inbox, before the measured runs"
                .formatted(warmup, warmup) : "none (bench.warmup=0): the REST run comes first, on a cold JVM");
        line(s, "machine", "nproc %s, %d available processors, %s; load average %.2f at start, %.2f at end"
                .formatted(nproc, Runtime.getRuntime().availableProcessors(), cpuModel(), loadAtStart, heap.loadAverage()));
        line(s, "java", javaVersion.replace(';', ' ').replaceAll("\\s+", " ").trim());
        line(s, "JVM", "max heap %s, GC %s".formatted(HeapWatch.mb(heap.maxHeap()), heap.collectors()));
        line(s, "database", database.equals("postgres") ? "the service on an embedded PostgreSQL (its own processes, "
                + "their CPU not counted below); the floors on H2" : "H2 (embedded, WRITE_DELAY=0)");
        for (Run run : new Run[] {rest, ndjson, json}) {
            if (run != null) {
                line(s, run.name(), "%8.0f referrals/s  %7.1f s   (%s)".formatted(run.perSecond(), run.seconds(), run.detail()));
            }
        }
        if (raw != null) {
            floorLine(s, "floor", raw);
            for (Run run : new Run[] {rest, ndjson, json}) {
                if (run != null) {
                    line(s, run.name() + " / floor", "%.2f".formatted(run.perSecond() / raw.perSecond()));
                }
            }
        }
        if (schema != null) {
            floorLine(s, "schema floor", schema);
            if (raw != null) {
                line(s, "schema floor / floor", "%.2f".formatted(schema.perSecond() / raw.perSecond()));
            }
            for (Run run : new Run[] {rest, ndjson, json}) {
                if (run != null) {
                    line(s, run.name() + " / schema floor", "%.2f".formatted(run.perSecond() / schema.perSecond()));
                }
            }
        }
        line(s, "peak heap", "max used after GC %s, max committed %s (max used sampled every 100 ms %s)"
                .formatted(HeapWatch.mb(heap.maxUsedAfterGc()), HeapWatch.mb(heap.maxCommitted()),
                        HeapWatch.mb(heap.maxUsedSampled())));
        for (HeapWatch.PhaseCost cost : costs) {
            line(s, "  " + cost.name(), "CPU %.1f s%s, GC %d collections %.1f s, heap after GC max %s, committed max %s"
                    .formatted(cost.cpuSeconds(), cost.name().equals("startup") ? ""
                                    : " (%.2f ms per referral)".formatted(cost.cpuSeconds() * 1000
                                            / (cost.name().startsWith("warm-up") ? warmup : n)), cost.gcCount(),
                            cost.gcMillis() / 1000.0, HeapWatch.mb(cost.maxUsedAfterGc()), HeapWatch.mb(cost.maxCommitted())));
        }
        line(s, "counts", failures.isEmpty() ? "OK (every run stored, queued and refused exactly what it should)"
                : "FAILED (" + failures.size() + ")");
        failures.forEach(f -> s.append("    - ").append(f).append('\n'));
        s.append("===================================================================\n");
        System.out.print(s);
    }

    private static void floorLine(StringBuilder s, String name, FloorRun floorRun) {
        RawFloor.Result r = floorRun.result();
        line(s, name, "%8.0f referrals/s  %7.1f s   (parse %.1f s, schema %.1f s, JDBC %.1f s, JMS %.1f s; single thread)"
                .formatted(floorRun.perSecond(), r.seconds(), r.parseNanos() / 1e9, r.schemaNanos() / 1e9, r.jdbcNanos() / 1e9,
                        r.jmsNanos() / 1e9));
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append(String.format(Locale.ROOT, "%-24s %s%n", name, value));
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                    .orElse("cpu model unknown");
        } catch (IOException | UncheckedIOException e) {
            return "cpu model unknown";
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
