package se.stockholm.brottsofferstod.operations;

import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Puts the route and the channel (police, sms, email) of the exchange being routed into the logging context, so that
 * every line written meanwhile carries them as fields in the structured (JSON) log. The intake's routes are
 * synchronous: the exchange is created, routed and completed on one thread.
 */
@Component
class LogContext extends ExchangeEvents {

    static final String ROUTE = "route";
    static final String CHANNEL = "channel";
    private static final Set<String> CHANNELS = Set.of("police", "sms", "email");

    LogContext() {
        super(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCreatedEvent || event instanceof CamelEvent.ExchangeCompletedEvent
                || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        String route = exchange.getFromRouteId();
        if (route == null) {
            return;
        }
        if (event instanceof CamelEvent.ExchangeCreatedEvent) {
            MDC.put(ROUTE, route);
            String channel = channelOf(route);
            if (channel != null) {
                MDC.put(CHANNEL, channel);
            } else {
                MDC.remove(CHANNEL);
            }
        } else {
            MDC.remove(ROUTE);
            MDC.remove(CHANNEL);
        }
    }

    /** The channel a route belongs to by its name ({@code police-rest}: police), or null for the service's own jobs. */
    static String channelOf(String route) {
        int dash = route.indexOf('-');
        String first = dash > 0 ? route.substring(0, dash) : route;
        return CHANNELS.contains(first) ? first : null;
    }
}
