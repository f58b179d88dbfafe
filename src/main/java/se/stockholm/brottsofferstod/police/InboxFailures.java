package se.stockholm.brottsofferstod.police;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.ExchangeException;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.intake.Redeliveries;
import se.stockholm.brottsofferstod.intake.Rejection;
import se.stockholm.brottsofferstod.intake.Source;

/**
 * The inbox file the redelivery policy gave up on (a failure on our side however often it was tried): it is set
 * aside in {@code .failed}, so that it is not read again on every poll, and dead-lettered with its reason; the file
 * itself is the original. It is kept there as long as a processed file, for someone to move it back into the inbox
 * once the cause is fixed.
 */
@Component("policeInbox")
public class InboxFailures {

    private static final Logger log = LoggerFactory.getLogger(InboxFailures.class);

    private final Duration keep;

    InboxFailures(@Value("${intake.police.keep-processed}") Duration keep) {
        this.keep = keep;
    }

    /** Named so by the redelivery policy, which calls each consumer's entry's {@code exhausted}. */
    public List<Rejection> exhausted(File file, @ExchangeException Exception cause, @Header(Redeliveries.HEADER) Integer redeliveries,
                                     @Headers Map<String, Object> headers) {
        String setAside = InboxRetention.FAILED + "/" + file.getName();
        headers.put(InboxRetention.MOVE_TO, setAside);
        log.warn("Police file inbox: a file could not be taken ({}); set aside in {}", cause == null ? "unknown"
                : cause.getClass().getSimpleName(), InboxRetention.FAILED);
        String reason = Redeliveries.failure(cause, redeliveries) + "; the file waits in " + setAside + " for " + keep.toDays()
                + " days: move it back into the inbox once the cause is fixed";
        return List.of(new Rejection(Source.POLICE.name(), PoliceReferrals.FILE, null, null, null, reason, ""));
    }
}
