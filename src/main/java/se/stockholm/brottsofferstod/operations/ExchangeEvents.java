package se.stockholm.brottsofferstod.operations;

import org.apache.camel.support.EventNotifierSupport;

/** A Camel event notifier that hears of exchanges only: their creation and their end, nothing of routes or steps. */
abstract class ExchangeEvents extends EventNotifierSupport {

    ExchangeEvents(boolean created) {
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(!created);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }
}
