package se.stockholm.brottsofferstod.cases;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;

/**
 * Throughput of the case outbox's relay alone (not a test of the suite: run it by name,
 * {@code ./mvnw test -Dtest=CaseDispatchBench -Dbench.rows=20000}): with the case-dispatch route stopped, N case
 * messages are put in the outbox; the route is started and timed until the outbox is empty, then the queue is
 * checked to hold all N.
 */
class CaseDispatchBench extends IntakeIntegrationTest {

    @Autowired
    private CamelContext camel;

    @Test
    void relayThroughput() throws Exception {
        int rows = Integer.getInteger("bench.rows", 20_000);
        String prefix = "BN" + Examples.unique() + "-";
        camel.getRouteController().stopRoute("case-dispatch");
        OutboxRelays.fill(jdbc, prefix, rows);

        long start = System.nanoTime();
        camel.getRouteController().startRoute("case-dispatch");
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM case_outbox WHERE case_reference LIKE ?", Integer.class, prefix + "%") == 0);
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("CASE-DISPATCH-BENCH rows=%d seconds=%.2f messages/s=%.0f%n", rows, seconds, rows / seconds);
        // a browser of a queue this long (paged) may count short at first
        await().atMost(Duration.ofSeconds(60)).until(() -> countOnQueue("cases.triage", "caseReference LIKE '" + prefix + "%'") == rows);
    }
}
