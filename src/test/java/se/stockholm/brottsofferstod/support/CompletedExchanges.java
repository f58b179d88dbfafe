package se.stockholm.brottsofferstod.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/** Counts the exchanges a route of one instance completes from now on (a file, a mail), to see which instance took what. */
public final class CompletedExchanges {

    private CompletedExchanges() {
    }

    public static AtomicInteger of(CamelContext context, String routeId) {
        AtomicInteger completed = new AtomicInteger();
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent done && routeId.equals(done.getExchange().getFromRouteId())) {
                    completed.incrementAndGet();
                }
            }
        });
        return completed;
    }
}
