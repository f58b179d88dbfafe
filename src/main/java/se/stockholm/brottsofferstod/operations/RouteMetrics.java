package se.stockholm.brottsofferstod.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.springframework.stereotype.Component;

/**
 * Messages per route for Micrometer (camel-micrometer is not served at 4.22): each exchange that a route took in,
 * counted once when it is done, as {@code completed}, {@code refused} (the error policy handled it: a rejection,
 * dead-lettered, or a 503 answered) or {@code failed} (not handled: the source delivers it again).
 */
@Component
class RouteMetrics extends ExchangeEvents {

    private final MeterRegistry meters;

    RouteMetrics(MeterRegistry meters) {
        super(false);
        this.meters = meters;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        if (exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) != null) {
            // a piece of a split (an outbox block's message, a dead letter): part of the exchange its route took in
            return;
        }
        String route = exchange.getFromRouteId() != null ? exchange.getFromRouteId() : "none";
        Counter.builder("intake.route.messages").description("Messages taken in by each route, by how they ended")
                .tag("route", route).tag("outcome", outcomeOf(event, exchange)).register(meters).increment();
    }

    static String outcomeOf(CamelEvent event, Exchange exchange) {
        if (event instanceof CamelEvent.ExchangeFailedEvent || exchange.isFailed()) {
            return "failed";
        }
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null ? "refused" : "completed";
    }
}
