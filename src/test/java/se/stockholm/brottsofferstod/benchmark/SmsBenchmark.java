package se.stockholm.brottsofferstod.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import se.stockholm.brottsofferstod.IntakeApplication;

/**
 * Latency benchmark of the SMS chatbot, run by {@code bench/sms} (not a test). Starts the service in-process on a
 * fresh data folder and free ports, then drives concurrent conversations through the 46elks webhook on loopback
 * at a fixed rate (open loop: each request is due at its time whether or not earlier ones have answered, and its
 * latency counts from that time, so a slow answer cannot hide the requests queued behind it). Each conversation
 * answers the bot's questions (first message, age, place, may we call, what happened), writes once more after its
 * case is open (a follow-up joining the case), and its slot then starts a new conversation from a new number. Two
 * warm-ups with other numbers come first (a gentle one, then one near the measured rate) and are reported apart.
 * Settings (system properties): bench.conversations (2 000), bench.rate (500 requests/s), bench.seconds (60),
 * bench.warmup.conversations (100), bench.warmup.rate (50), bench.warmup.s (30), then at speed
 * bench.warmup2.conversations (1 000), bench.warmup2.rate (300), bench.warmup2.s (60; 0 leaves it out), bench.keep
 * (false: keep the temp folder), bench.db (h2, the embedded default; postgres: an embedded PostgreSQL).
 */
public final class SmsBenchmark {

    private static final String USER = "bench-elks";
    private static final String PASSWORD = "bench-elks-secret";
    /** Phone numbers +4673NNNNNNN from here on: the warm-up's and the measured conversations' never meet. */
    private static final int WARMUP_NUMBERS = 1_000_000;
    private static final int JIT_WARMUP_NUMBERS = 1_500_000;
    private static final int MEASURED_NUMBERS = 2_000_000;
    private static final List<String[]> SCRIPTS = List.of(
            new String[] {"Hej, jag blev rånad igår", "34", "Hökarängen", "kväll", "Två killar tog min telefon vid tunnelbanan"},
            new String[] {"Hi, I need help", "I'm 16", "Rinkeby", "evening", "Some older boys threatened me after school"},
            new String[] {"hej", "27", "Tensta", "dag", "nej"},
            new String[] {"Hello", "45", "Södermalm", "no", "My neighbour keeps harassing me"},
            new String[] {"Jag behöver prata med någon", "19", "123 47", "ja", "Mitt ex hotar mig"});
    /** After its case is open a conversation writes once more, which joins the case; then the slot starts a new one. */
    private static final Pattern REFERENCE = Pattern.compile("BO-\\d{4}-\\d{6}");
    private static final String FOLLOW_UP = "Tack. En sak till: det hände igen i morse.";

    private final int conversations = Integer.getInteger("bench.conversations", 2_000);
    private final int rate = Integer.getInteger("bench.rate", 500);
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int warmupSeconds = Integer.getInteger("bench.warmup.s", 30);
    /** The warm-up runs gently, so that a cold JVM's backlog does not spill into the measurement. */
    private final int warmupRate = Integer.getInteger("bench.warmup.rate", 50);
    private final int warmupConversations = Integer.getInteger("bench.warmup.conversations", 100);
    /**
     * Then a second warm-up near the measured rate, so that the JIT has compiled the request's path before the measured
     * phase: after the gentle one alone the compilers still took 0.9 ms of CPU per request in the measured minute (a third
     * of it), and the latency measured the JVM's start rather than the service. 0 seconds leaves it out.
     */
    private final int jitWarmupSeconds = Integer.getInteger("bench.warmup2.s", 60);
    private final int jitWarmupRate = Integer.getInteger("bench.warmup2.rate", 300);
    private final int jitWarmupConversations = Integer.getInteger("bench.warmup2.conversations", 1_000);
    /** h2 (the default, embedded) or postgres (an embedded PostgreSQL in its own processes, as the production database) */
    private final String database = System.getProperty("bench.db", "h2");
    private EmbeddedPostgres postgres;
    private final Path tmp;
    private final HeapWatch heap = new HeapWatch();
    private final HttpClient http;
    private final AtomicInteger clientThreadNumber = new AtomicInteger();
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(16,
            task -> new Thread(task, "bench-client-" + clientThreadNumber.incrementAndGet()));
    private URI webhook;

    private SmsBenchmark() throws IOException {
        this.tmp = Files.createTempDirectory("sms-bench-");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    public static void main(String[] args) {
        // On 2 cores the common pool has one worker, and CompletableFuture then starts a new thread for each async step:
        // the HTTP client completes every response so, which cost the load generator a thread start per request. Two
        // workers keep it a pool (the service in this JVM sees the same common pool as on a 3-core machine).
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        }
        int exit = 2;
        try {
            exit = new SmsBenchmark().run();
        } catch (Throwable t) {
            System.err.println("BENCHMARK FAILED: " + t);
            t.printStackTrace();
        } finally {
            System.out.flush();
            System.exit(exit);
        }
    }

    /** What one phase measured. */
    private record Phase(String name, int conversations, int rate, int requests, int errors, long[] latencyNanos,
                         int casesOpened, double seconds, HeapWatch.PhaseCost cost, Map<String, Double> threadCpu) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * CPU seconds of the live threads by group: the service's request threads (Tomcat's), the load generator's (the HTTP
     * client's and this class's), the rest of the Java threads, and on Linux the JIT compilers and the GC; what the process
     * used beyond them is the rest of the JVM. Threads that ended between two readings are not counted.
     */
    private static Map<String, Long> threadCpuNanos() {
        Map<String, Long> groups = new HashMap<>(nativeThreadCpuNanos());
        for (long id : THREADS.getAllThreadIds()) {
            var info = THREADS.getThreadInfo(id);
            long cpu = THREADS.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            groups.merge(threadGroup(info.getThreadName()), cpu, Long::sum);
        }
        return groups;
    }

    private static String threadGroup(String name) {
        if (name.startsWith("http-nio-") && name.contains("-exec-")) {
            return "request threads";
        }
        if (name.startsWith("HttpClient-") || name.startsWith("bench-") || name.equals("main")
                || name.startsWith("ForkJoinPool.commonPool")) {
            return "load generator";
        }
        return "other service threads";
    }

    /**
     * The JVM's own threads by kind, from Linux's per-thread accounting ({@code /proc/self/task}, in clock ticks of 10 ms;
     * empty elsewhere): the JIT compilers ("C1/C2 CompilerThre"), the garbage collector ("GC Thread", "G1 ..."), the rest.
     */
    private static Map<String, Long> nativeThreadCpuNanos() {
        Map<String, Long> groups = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return groups;
        }
        try (var threads = Files.list(tasks)) {
            threads.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    String kind = name.contains("CompilerThre") ? "JIT" : name.startsWith("GC Thread") || name.startsWith("G1")
                            ? "GC" : null;
                    if (kind != null) {
                        groups.merge(kind, ticks * 10_000_000L, Long::sum);
                    }
                } catch (IOException | RuntimeException endedMeanwhile) {
                    // a thread that ended between the listing and the reading
                }
            });
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    private static Map<String, Double> since(Map<String, Long> before) {
        Map<String, Double> seconds = new HashMap<>();
        threadCpuNanos().forEach((group, cpu) -> seconds.put(group, (cpu - before.getOrDefault(group, 0L)) / 1e9));
        return seconds;
    }

    private int run() throws Exception {
        double loadBefore = heap.loadAverage();
        ConfigurableApplicationContext service = startService();
        try {
            prime();
            Phase warmup = drive("warm-up", WARMUP_NUMBERS, warmupConversations, warmupRate, warmupSeconds);
            Phase jitWarmup = jitWarmupSeconds > 0
                    ? drive("warm-up at speed", JIT_WARMUP_NUMBERS, jitWarmupConversations, jitWarmupRate, jitWarmupSeconds)
                    : null;
            Phase measured = drive("measured", MEASURED_NUMBERS, conversations, rate, seconds);
            int stored = service.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM support_case WHERE source = 'SMS' AND phone LIKE ?", Integer.class,
                    "+4673" + MEASURED_NUMBERS / 100_000 + "%");
            double loadAfter = heap.loadAverage();
            print(warmup);
            if (jitWarmup != null) {
                print(jitWarmup);
            }
            print(measured);
            System.out.printf("%ncases stored for the measured conversations: %d (case references in the replies: %d)%n",
                    stored, measured.casesOpened);
            System.out.printf("heap: max %s used after GC, %s committed, -Xmx %s; GC %s%n", HeapWatch.mb(heap.maxUsedAfterGc()),
                    HeapWatch.mb(heap.maxCommitted()), HeapWatch.mb(heap.maxHeap()), heap.collectors());
            System.out.printf("machine: %d cores, load average %.2f before, %.2f after; database %s%n",
                    Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, database);
            boolean ok = measured.errors == 0 && stored == measured.casesOpened;
            System.out.println(ok ? "RESULT: no errors, every conversation's case stored" : "RESULT: ERRORS (see above)");
            return ok ? 0 : 1;
        } finally {
            service.close();
            if (postgres != null) {
                postgres.close();
            }
            clientThreads.shutdownNow();
            if (!Boolean.getBoolean("bench.keep")) {
                IntakeBenchmark.deleteTree(tmp);
            }
        }
    }

    /**
     * Sends {@code rate × seconds} requests at their due times: request i goes to conversation slot
     * {@code i % conversations} as its next message; a slot whose conversation has ended (case opened, one follow-up)
     * starts a new conversation from a new number, so that {@code conversations} are always under way.
     */
    private Phase drive(String name, int firstNumber, int conversations, int rate, int durationSeconds) {
        int total = rate * durationSeconds;
        long[] latency = new long[total];
        AtomicInteger errors = new AtomicInteger();
        Set<String> references = ConcurrentHashMap.newKeySet();
        int[] nextMessage = new int[conversations];
        List<CompletableFuture<Void>> inFlight = new ArrayList<>(total);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        heap.begin(name);
        Map<String, Long> threadCpuBefore = threadCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = i % conversations;
            String[] script = SCRIPTS.get(slot % SCRIPTS.size());
            int sent = nextMessage[slot]++;
            int round = sent / (script.length + 1);
            int step = sent % (script.length + 1);
            String phone = "+4673" + (firstNumber + round * conversations + slot);
            String text = step < script.length ? script[step] : FOLLOW_UP;
            int index = i;
            inFlight.add(http.sendAsync(request(phone, name + "-" + i, text), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .handle((response, failure) -> {
                        latency[index] = System.nanoTime() - due;
                        if (failure != null || response.statusCode() != 200) {
                            if (errors.incrementAndGet() <= 5) {
                                System.err.println(name + " request " + index + ": " + (failure != null ? failure
                                        : response.statusCode() + " " + response.body()));
                            }
                        } else {
                            // under overload a conversation's messages may be taken out of order: any reply may confirm
                            Matcher reference = REFERENCE.matcher(response.body());
                            if (reference.find()) {
                                references.add(reference.group());
                            }
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        HeapWatch.PhaseCost cost = heap.end();
        return new Phase(name, conversations, rate, total, errors.get(), latency, references.size(), elapsed, cost,
                since(threadCpuBefore));
    }

    /**
     * One request before the load: the first login's BCrypt check (~100 ms, then remembered) would otherwise be paid
     * by every request that arrives before it ends, a pile-up no steady state has.
     */
    private void prime() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("+46730000001", "prime", "hej"), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the webhook answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpRequest request(String phone, String id, String text) {
        String form = "id=" + id + "&from=" + URLEncoder.encode(phone, StandardCharsets.UTF_8) + "&to=%2B46766861004&message="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&direction=incoming";
        return HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private void print(Phase phase) {
        long[] sorted = phase.latencyNanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%n--- %s: %d conversations, %d requests at %d/s over %.1f s ---%n", phase.name,
                phase.conversations, phase.requests, phase.rate, phase.seconds);
        System.out.printf("latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; errors %d; cases told %d%n",
                ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]),
                phase.errors, phase.casesOpened);
        System.out.printf("cpu %.1f s (%.0f %% of one core), GC %d in %d ms, heap max %s used after GC, %s committed%n",
                phase.cost.cpuSeconds(), 100 * phase.cost.cpuSeconds() / phase.seconds, phase.cost.gcCount(),
                phase.cost.gcMillis(), HeapWatch.mb(phase.cost.maxUsedAfterGc()), HeapWatch.mb(phase.cost.maxCommitted()));
        double threads = phase.threadCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf("cpu per request %.2f ms: request threads %.2f ms, load generator %.2f ms, other service threads"
                + " %.2f ms, JIT compilers %.2f ms, GC %.2f ms, the rest of the JVM %.2f ms%n",
                1000 * phase.cost.cpuSeconds() / phase.requests, perRequest(phase, "request threads"),
                perRequest(phase, "load generator"), perRequest(phase, "other service threads"), perRequest(phase, "JIT"),
                perRequest(phase, "GC"), 1000 * (phase.cost.cpuSeconds() - threads) / phase.requests);
    }

    private static double perRequest(Phase phase, String group) {
        return 1000 * phase.threadCpu.getOrDefault(group, 0.0) / phase.requests;
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private ConfigurableApplicationContext startService() throws IOException {
        Path users = tmp.resolve("users.yml");
        // a bcrypt hash as in production: Spring Security upgrades a {noop} password to a new BCrypt hash at login, and
        // concurrent first logins each pay for that BCrypt work, which production does not
        Files.writeString(users, """
                users:
                  - { username: %s, password: "{bcrypt}%s", role: SMS_GATEWAY }
                """.formatted(USER, new BCryptPasswordEncoder().encode(PASSWORD)));
        List<String> args = new ArrayList<>(List.of("--intake.data-dir=" + tmp.resolve("data"),
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--intake.broker.port=" + IntakeBenchmark.freePort(),
                "--intake.security.users-file=" + users,
                "--logging.level.se.stockholm.brottsofferstod=WARN"));
        postgres = IntakeBenchmark.startDatabase(database, args);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IntakeApplication.class)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run(args.toArray(String[]::new));
        webhook = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
                + "/webhooks/sms/46elks");
        return context;
    }

}
