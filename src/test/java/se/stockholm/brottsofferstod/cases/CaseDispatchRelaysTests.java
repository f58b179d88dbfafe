package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;

/**
 * Two instances on one database share the case outbox: each relay claims its block with SELECT ... FOR UPDATE SKIP
 * LOCKED, so every row goes out once, however many relays run (here the timer's and three more, on H2).
 */
class CaseDispatchRelaysTests extends IntakeIntegrationTest {

    static final int ROWS = 1_500;

    @Autowired
    private CamelContext camel;

    @Test
    void concurrentRelaysSendEachRowExactlyOnce() throws Exception {
        String prefix = "RL" + Examples.unique() + "-";

        OutboxRelays.Outcome outcome = OutboxRelays.run(camel, jdbc, prefix, ROWS, 3);

        assertThat(outcome.sendsPerCase()).hasSize(ROWS);
        assertThat(outcome.sendsPerCase().values()).containsOnly(1);
        assertThat(countOnQueue("cases.triage", "caseReference LIKE '" + prefix + "%'")).isEqualTo(ROWS);
        assertThat(outcome.claimedPerRelay().stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(ROWS);
    }
}
