package se.stockholm.brottsofferstod.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.demo.DemoData;
import se.stockholm.brottsofferstod.statistics.Statistics;

/**
 * Times {@code GET /api/statistics} end to end (HTTP, JSON) on H2 and on PostgreSQL: for the seeds' year 2 loaded
 * by the demo data command, and for 1 000 000 synthetic cases with 3 contact attempts and 3 actions each in one
 * calendar year. Prints the median and the slowest of the timed runs after warm-up. Run by {@code bench/statistics};
 * {@code -Dbench.demo=false} (in BENCH_JAVA_OPTS) leaves the seed year out.
 */
public final class StatisticsBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String USER = "bench-coordinator";
    private static final String PASSWORD = "bench-secret";
    private static final int WARM_UP = 3;
    private static final int RUNS = 9;
    private static final String SEED_YEAR = "from=2023-04-01&to=2024-03-31";
    private static final String SYNTHETIC_YEAR = "from=2021-01-01&to=2021-12-31";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int syntheticCases;
    private final List<String> lines = new ArrayList<>();

    private StatisticsBenchmark(int syntheticCases) {
        this.syntheticCases = syntheticCases;
    }

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<String> databases = args.length > 1 ? List.of(args[1].split(",")) : List.of("h2", "postgres");
        StatisticsBenchmark bench = new StatisticsBenchmark(cases);
        for (String db : databases) {
            bench.run(db);
        }
        OUT.println();
        OUT.printf(Locale.ROOT, "Statistics benchmark: %d cores, %s, %d synthetic cases%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), cases);
        OUT.println("database   data                                   median ms   slowest ms   target ms");
        bench.lines.forEach(OUT::println);
        System.exit(0);
    }

    private void run(String db) throws Exception {
        Path tmp = Files.createTempDirectory("intake-statistics-bench-");
        EmbeddedPostgres postgres = db.equals("postgres") ? EmbeddedPostgres.start() : null;
        try (ConfigurableApplicationContext service = start(tmp, postgres)) {
            int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
            long t0 = System.nanoTime();
            if (Boolean.parseBoolean(System.getProperty("bench.demo", "true"))) {
                service.getBean(DemoData.class).loadSeedYears();
                OUT.printf(Locale.ROOT, "%s: demo data loaded in %.0f s%n", db, (System.nanoTime() - t0) / 1e9);
                time(db, "seed year 2 (4 751 cases, demo data)", port, SEED_YEAR, 200);
            }
            JdbcTemplate jdbc = new JdbcTemplate(service.getBean(javax.sql.DataSource.class));
            long t1 = System.nanoTime();
            insertSynthetic(jdbc, db);
            OUT.printf(Locale.ROOT, "%s: %d synthetic cases, %d attempts, %d actions inserted in %.0f s%n", db,
                    syntheticCases, 3L * syntheticCases, 3L * syntheticCases, (System.nanoTime() - t1) / 1e9);
            // rows written behind the product's back: every day is counted into the daily roll-ups again
            jdbc.update("INSERT INTO statistics_stale_day (count_day) VALUES (DATE '1900-01-01')");
            long t2 = System.nanoTime();
            int days = service.getBean(Statistics.class).refresh();
            OUT.printf(Locale.ROOT, "%s: daily roll-ups of %d days counted again in %.1f s (once, after a bulk load)%n", db,
                    days, (System.nanoTime() - t2) / 1e9);
            time(db, "%,d cases, 3 attempts + 3 actions each".formatted(syntheticCases), port, SYNTHETIC_YEAR, 2000);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private ConfigurableApplicationContext start(Path tmp, EmbeddedPostgres postgres) throws IOException {
        Path users = tmp.resolve("users.yml");
        Files.writeString(users, """
                # benchmark only: {noop} passwords
                users:
                  - { username: %s, password: "{noop}%s", role: COORDINATOR }
                """.formatted(USER, PASSWORD));
        List<String> args = new ArrayList<>(List.of("--intake.data-dir=" + tmp.resolve("data"),
                "--server.address=127.0.0.1", "--server.port=0", "--intake.broker.port=" + freePort(),
                "--intake.security.users-file=" + users, "--logging.level.se.stockholm.brottsofferstod=WARN"));
        if (postgres != null) {
            args.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
            args.add("--spring.datasource.username=postgres");
            args.add("--spring.datasource.password=");
        }
        return new SpringApplicationBuilder(IntakeApplication.class).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run(args.toArray(String[]::new));
    }

    /**
     * One calendar year of cases, generated by the database itself (the figures only need the volumes), with the
     * genders, partners and crime types spread as in the seeds.
     */
    private void insertSynthetic(JdbcTemplate jdbc, String db) {
        long spacing = 365L * 24 * 3600 / syntheticCases;
        // in chunks: one transaction of millions of rows makes H2 keep them all as undo
        for (int from = 1; from <= syntheticCases; from += CHUNK) {
            int to = Math.min(syntheticCases, from + CHUNK - 1);
            String rows = db.equals("postgres") ? "generate_series(%d, %d) AS g(x)".formatted(from, to)
                    : "(SELECT X AS x FROM SYSTEM_RANGE(%d, %d))".formatted(from, to);
            jdbc.execute(CASES.formatted(spacing, rows));
        }
        long[] ids = jdbc.queryForObject("SELECT MIN(id), MAX(id) FROM support_case WHERE channel = 'bench'",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
        for (long from = ids[0]; from <= ids[1]; from += CHUNK) {
            jdbc.update(ATTEMPTS, from, from + CHUNK - 1);
            jdbc.update(ACTIONS, from, from + CHUNK - 1);
        }
        // what autovacuum (PostgreSQL) and H2's own statistics would have done by the time anyone asks
        jdbc.execute("ANALYZE");
    }

    private static final int CHUNK = 50_000;
    private static final String CASES = """
            INSERT INTO support_case (case_reference, received_at, source, channel, status, partner, routing_reason,
                age_unknown, gender, protected_identity, crime_category, gang_related, intimate_partner_violence,
                first_attempt_at)
            SELECT 'SY-' || CAST(x AS VARCHAR(12)),
                   TIMESTAMP WITH TIME ZONE '2021-01-01 00:00:00+01' + x * INTERVAL '%1$d' SECOND,
                   CASE MOD(x, 10) WHEN 0 THEN 'SMS' WHEN 1 THEN 'EMAIL' ELSE 'POLICE' END, 'bench', 'CLOSED',
                   CASE MOD(x, 5) WHEN 0 THEN 'stodcentrum' WHEN 1 THEN 'boj-sodra-stockholm'
                        WHEN 2 THEN 'boj-vasterort' ELSE 'boj-stockholm-gotland' END,
                   'synthetic', FALSE,
                   CASE WHEN MOD(x, 10) < 6 THEN 'FEMALE' WHEN MOD(x, 10) < 9 THEN 'MALE' ELSE 'UNKNOWN' END, FALSE,
                   CASE MOD(x, 8) WHEN 0 THEN 'FRAUD' WHEN 1 THEN 'UNLAWFUL_THREAT' WHEN 2 THEN 'MOLESTATION'
                        WHEN 3 THEN 'SEXUAL_OFFENCE' WHEN 4 THEN 'ROBBERY' ELSE 'ASSAULT' END,
                   MOD(x, 50) = 0, MOD(x, 13) = 0,
                   TIMESTAMP WITH TIME ZONE '2021-01-01 00:00:00+01' + x * INTERVAL '%1$d' SECOND + INTERVAL '1' DAY
            FROM %2$s""";
    private static final String THREE = "(SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) AS n";
    private static final String ATTEMPTS = """
            INSERT INTO contact_attempt (case_id, attempted_at, channel, outcome, partner, person_gender, recorded_by,
                recorded_at)
            SELECT c.id, c.received_at + n.k * INTERVAL '1' DAY, 'PHONE',
                   CASE n.k WHEN 1 THEN 'NO_ANSWER' ELSE 'REACHED' END, c.partner, c.gender, 'bench', c.received_at
            FROM support_case c CROSS JOIN %s WHERE c.id BETWEEN ? AND ? AND c.channel = 'bench'""".formatted(THREE);
    private static final String ACTIONS = """
            INSERT INTO case_action (case_id, performed_at, action_type, partner, recorded_by, recorded_at)
            SELECT c.id, c.received_at + n.k * INTERVAL '2' DAY,
                   CASE n.k WHEN 1 THEN 'SUPPORT_CALL' WHEN 2 THEN 'LEGAL_PROCESS_INFO' ELSE 'COMPENSATION_HELP' END,
                   c.partner, 'bench', c.received_at
            FROM support_case c CROSS JOIN %s WHERE c.id BETWEEN ? AND ? AND c.channel = 'bench'""".formatted(THREE);

    private void time(String db, String data, int port, String query, long targetMs) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/statistics?" + query))
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        List<Double> ms = new ArrayList<>();
        String body = null;
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double elapsed = (System.nanoTime() - t0) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            body = response.body();
            if (i >= WARM_UP) {
                ms.add(elapsed);
            }
        }
        Collections.sort(ms);
        String cases = body.replaceAll("(?s).*?\"total\":\\{\"cases\":(\\d+).*", "$1");
        lines.add(String.format(Locale.ROOT, "%-10s %-38s %9.0f %12.0f %11d   (total.cases %s)", db, data,
                ms.get(ms.size() / 2), ms.get(ms.size() - 1), targetMs, cases));
        OUT.println(lines.get(lines.size() - 1));
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
