package se.stockholm.brottsofferstod.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.ExchangeException;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.intake.OutboxRelay;

/**
 * The SMS outbox of the SMS that are not replies: the {@code sms-outgoing} route claims the due ones and sends each
 * through Camel's HTTP producer to 46elks' REST API ({@code POST {base}/a1/sms} with {@code from}, {@code to},
 * {@code message}); one that fails is tried again later with a growing pause. Callers check first that the person
 * may be written to.
 */
@Component
public class ElksSms {

    private static final Logger log = LoggerFactory.getLogger(ElksSms.class);
    private static final int BLOCK = 100;
    /** However many tries an SMS gets, it waits at most this long between two. */
    private static final Duration LONGEST_PAUSE = Duration.ofHours(1);

    private final String authorization;
    private final String sender;
    private final int attempts;
    private final Duration backoff;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final OutboxRelay outbox;

    ElksSms(DataSource dataSource, @Value("${intake.sms.elks.api-username}") String username,
            @Value("${intake.sms.elks.api-password}") String password,
            @Value("${intake.sms.elks.sender}") String sender,
            @Value("${intake.sms.elks.attempts}") int attempts,
            @Value("${intake.sms.elks.retry-backoff}") Duration backoff, Clock clock) {
        this.authorization = username.isBlank() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.sender = sender;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.outbox = new OutboxRelay(jdbc, clock, "sms_outgoing", "next_attempt_at <= ?");
    }

    /**
     * Puts an SMS in line to be sent by the {@code sms-outgoing} route. Stored first, so neither a restart nor 46elks
     * being down loses it.
     *
     * @param caseReference for the log only (never the number or the text)
     */
    void queue(String to, String message, String caseReference) {
        Instant now = clock.instant();
        jdbc.update("""
                INSERT INTO sms_outgoing (case_reference, phone, message, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, 0, ?, ?)""", caseReference, to, message, OutboxRelay.at(now), OutboxRelay.at(now));
    }

    /** Claims the next SMS that are due, in the relay's transaction. */
    public List<SmsRow> claim() {
        return outbox.claim("id, case_reference, phone, message, attempts", BLOCK,
                (rs, i) -> new SmsRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
    }

    /** The form 46elks' API takes; an SMS waits while the account is not configured. */
    public String form(SmsRow sms) {
        if (authorization == null || sender.isBlank()) {
            throw new IllegalStateException("intake.sms.elks.api-username and .sender are not configured");
        }
        return "from=" + encode(sender) + "&to=" + encode(sms.phone()) + "&message=" + encode(sms.message());
    }

    /** The HTTP Basic credentials of the account, sent with the first request (46elks asks for no challenge). */
    public String authorization() {
        return authorization;
    }

    /** 46elks took the SMS. */
    public void sent(@ExchangeProperty("outboxRow") SmsRow sms) {
        outbox.delete(List.of(sms.id()));
        log.info("SMS for case {} sent through 46elks", sms.caseReference());
    }

    /**
     * The SMS could not be sent, after the redelivery policy's redeliveries: it waits twice as long before each
     * next try; one that 46elks refuses for good (4xx other than 429), or that has used up its tries, is given up.
     */
    public void failed(@ExchangeProperty("outboxRow") SmsRow sms, @ExchangeException Exception e) {
        int attempt = sms.attempts() + 1;
        int status = e instanceof HttpOperationFailedException refused ? refused.getStatusCode() : 0;
        boolean refusedForGood = status >= 400 && status < 500 && status != 429;
        log.warn("SMS for case {} not sent (attempt {} of {}): {}", sms.caseReference(), attempt, attempts,
                status > 0 ? "46elks answered " + status : e == null ? "?" : e.getClass().getSimpleName());
        if (refusedForGood || attempt >= attempts) {
            log.error("SMS for case {} given up after {} attempts", sms.caseReference(), attempt);
            outbox.delete(List.of(sms.id()));
        } else {
            outbox.retryLater(sms.id(), attempt, backoff, LONGEST_PAUSE);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
