package se.stockholm.brottsofferstod.email;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.support.DefaultMessage;

/**
 * The email-imap route's first step: the polled mail becomes the body of a plain Camel message. Camel's own mail
 * message maps the mail's headers from the server the first time anything asks for a header (its error handler's
 * redelivery counter, the consumer's commit asking whether to move the mail): two more round trips per mail, and
 * for a mail the server cannot give an envelope a failure inside the error handler itself, so that the mail was
 * rolled back to unseen and fetched again on every poll without end. The intake reads the mail's headers itself.
 */
final class DetachedMail implements Processor {

    @Override
    public void process(Exchange exchange) {
        if (exchange.getIn() instanceof MailMessage polled) {
            DefaultMessage detached = new DefaultMessage(exchange);
            detached.setBody(polled.getOriginalMessage());
            exchange.setIn(detached);
        }
    }
}
