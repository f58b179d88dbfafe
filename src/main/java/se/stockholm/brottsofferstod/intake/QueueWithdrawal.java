package se.stockholm.brottsofferstod.intake;

import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes messages off a queue by a JMS selector, through the route {@code queue-withdraw}: what erasure and retention
 * need on the broker (nothing of an erased person may wait on a queue).
 */
@Component
public class QueueWithdrawal {

    private static final String ROUTE = "direct:queue-withdraw";

    private final ProducerTemplate camel;

    QueueWithdrawal(ProducerTemplate camel) {
        this.camel = camel;
    }

    /** Consumes every message on the queue that matches the selector; how many there were. */
    public int withdraw(String queue, String selector) {
        Integer withdrawn = camel.requestBodyAndHeaders(ROUTE, null,
                Map.of("withdrawQueue", queue, "withdrawSelector", selector), Integer.class);
        return withdrawn == null ? 0 : withdrawn;
    }
}
