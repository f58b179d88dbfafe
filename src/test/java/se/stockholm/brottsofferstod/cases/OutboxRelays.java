package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several relays of the case outbox at once, as several instances on one database run them: the route's own timer
 * and further relays on test threads, each taking block after block through the case-dispatch-block route. Every
 * send to a partner queue is counted as it leaves (before the broker's duplicate detection could hide a repeat).
 */
final class OutboxRelays {

    /** What the relays did with the rows of one run. */
    record Outcome(Map<String, Integer> sendsPerCase, List<Integer> claimedPerRelay) {
    }

    private OutboxRelays() {
    }

    /** Puts {@code rows} case messages with references starting with {@code prefix} in the outbox, in one transaction. */
    static void fill(JdbcTemplate jdbc, String prefix, int rows) {
        List<Object[]> values = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            values.add(new Object[] {UUID.randomUUID().toString(), prefix + i, Timestamp.from(Instant.now())});
        }
        jdbc.batchUpdate("""
                INSERT INTO case_outbox (message_id, case_reference, queue_name, partner, source, body, created_at)
                VALUES (?, ?, 'cases.triage', 'triage', 'POLICE', '{}', ?)""", values);
    }

    /** Runs {@code relays} relays on threads of their own, besides the timer's, until the rows are gone. */
    static Outcome run(CamelContext camel, JdbcTemplate jdbc, String prefix, int rows, int relays) throws Exception {
        Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        EventNotifierSupport counter = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeSentEvent sent
                        && sent.getEndpoint().getEndpointUri().startsWith("jms://queue:cases.")) {
                    String reference = sent.getExchange().getMessage().getHeader("caseReference", String.class);
                    if (reference != null && reference.startsWith(prefix)) {
                        sends.computeIfAbsent(reference, r -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }
        };
        camel.getManagementStrategy().addEventNotifier(counter);
        ExecutorService threads = Executors.newFixedThreadPool(relays);
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            fill(jdbc, prefix, rows);
            List<Future<Integer>> claimed = new ArrayList<>();
            for (int r = 0; r < relays; r++) {
                claimed.add(threads.submit(() -> relay(template, jdbc, prefix)));
            }
            List<Integer> perRelay = new ArrayList<>();
            for (Future<Integer> relay : claimed) {
                perRelay.add(relay.get());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> left(jdbc, prefix) == 0);
            Map<String, Integer> counted = new ConcurrentHashMap<>();
            sends.forEach((reference, count) -> counted.put(reference, count.get()));
            return new Outcome(counted, perRelay);
        } finally {
            threads.shutdownNow();
            camel.getManagementStrategy().removeEventNotifier(counter);
        }
    }

    /** One relay: block after block until none of the test's rows is left; answers how many rows it claimed. */
    private static int relay(ProducerTemplate template, JdbcTemplate jdbc, String prefix) {
        int claimed = 0;
        while (left(jdbc, prefix) > 0) {
            Exchange block = template.send("direct:case-dispatch-block", exchange -> exchange.setProperty("outbox", "caseDispatcher"));
            assertThat(block.getException()).isNull();
            claimed += block.getProperty("outboxClaimed", 0, Integer.class);
        }
        return claimed;
    }

    private static int left(JdbcTemplate jdbc, String prefix) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM case_outbox WHERE case_reference LIKE ?", Integer.class, prefix + "%");
    }
}
