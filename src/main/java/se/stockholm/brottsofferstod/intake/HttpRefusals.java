package se.stockholm.brottsofferstod.intake;

import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An HTTP caller's refusal through the dead letter channel ({@code direct:dead-letter}) on an exchange of its own, for
 * the error policy httpErrors: a failure there (the database or the broker away) is an answer, 503, not an error of
 * the error policy itself, which Camel would answer with 500. Nothing of a refusal that was not kept stays: the
 * channel commits its records only once the dead letter is on intake.dlq, and the caller sends the request again.
 */
@Component
public class HttpRefusals {

    static final String DEAD_LETTER_CHANNEL = "direct:dead-letter";
    private static final Logger log = LoggerFactory.getLogger(HttpRefusals.class);

    private final ProducerTemplate channel;

    HttpRefusals(ProducerTemplate channel) {
        this.channel = channel;
    }

    /** Whether the refusal's rejections were recorded and dead-lettered. */
    public boolean keep(@Body List<Rejection> rejections) {
        Exchange kept = channel.send(DEAD_LETTER_CHANNEL, exchange -> exchange.getIn().setBody(rejections));
        if (kept.isFailed()) {
            log.warn("A refused HTTP request could not be dead-lettered, answered 503: {}", kept.getException().getClass().getSimpleName());
            return false;
        }
        return true;
    }
}
