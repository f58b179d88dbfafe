package se.stockholm.brottsofferstod.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.intake.Backoff;

/**
 * Sends SMS that are not replies through 46elks' REST API ({@code POST {base}/a1/sms} with {@code from},
 * {@code to}, {@code message}) from an outbox table, trying again on the {@code sms-outgoing} timer when 46elks
 * or the network fails. Callers check first that the person may be written to.
 */
@Component
class ElksSms {

    private static final Logger log = LoggerFactory.getLogger(ElksSms.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI endpoint;
    private final String authorization;
    private final String sender;
    private final int attempts;
    /** However many tries an SMS gets, it waits at most this long between two. */
    private static final Duration LONGEST_PAUSE = Duration.ofHours(1);
    private final Duration backoff;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ElksSms(DataSource dataSource, @Value("${intake.sms.elks.api-url}") String apiUrl,
            @Value("${intake.sms.elks.api-username}") String username,
            @Value("${intake.sms.elks.api-password}") String password,
            @Value("${intake.sms.elks.sender}") String sender,
            @Value("${intake.sms.elks.attempts}") int attempts,
            @Value("${intake.sms.elks.retry-backoff}") Duration backoff, Clock clock) {
        this.endpoint = URI.create(apiUrl.replaceAll("/+$", "") + "/a1/sms");
        this.authorization = username.isBlank() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.sender = sender;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /**
     * Puts an SMS in line to be sent; the {@code sms-outgoing} timer sends it ({@link #sendDue}). Stored first, so
     * neither a restart nor 46elks being down loses it.
     *
     * @param caseReference for the log only (never the number or the text)
     */
    void queue(String to, String message, String caseReference) {
        Instant now = clock.instant();
        jdbc.update("""
                INSERT INTO sms_outgoing (case_reference, phone, message, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, 0, ?, ?)""", caseReference, to, message, at(now), at(now));
    }

    /**
     * Tries every SMS that is due once. One that fails waits twice as long before each next try; one that 46elks
     * refuses for good (4xx other than 429), or that has used up its tries, is given up and deleted.
     *
     * @return how many were sent
     */
    public int sendDue() {
        List<Outgoing> due = jdbc.query("""
                SELECT id, case_reference, phone, message, attempts FROM sms_outgoing
                WHERE next_attempt_at <= ? ORDER BY next_attempt_at""",
                (rs, i) -> new Outgoing(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)),
                at(clock.instant()));
        int sent = 0;
        for (Outgoing sms : due) {
            Result result = send(sms);
            int attempt = sms.attempts() + 1;
            if (result == Result.SENT) {
                sent++;
                jdbc.update("DELETE FROM sms_outgoing WHERE id = ?", sms.id());
            } else if (result == Result.REFUSED || attempt >= attempts) {
                log.error("SMS for case {} given up after {} attempts", sms.caseReference(), attempt);
                jdbc.update("DELETE FROM sms_outgoing WHERE id = ?", sms.id());
            } else {
                Duration pause = Backoff.after(attempt, backoff, LONGEST_PAUSE);
                jdbc.update("UPDATE sms_outgoing SET attempts = ?, next_attempt_at = ? WHERE id = ?", attempt,
                        at(clock.instant().plus(pause)), sms.id());
            }
        }
        return sent;
    }

    private enum Result { SENT, FAILED, REFUSED }

    private record Outgoing(long id, String caseReference, String phone, String message, int attempts) {
    }

    private Result send(Outgoing sms) {
        if (authorization == null || sender.isBlank()) {
            log.warn("SMS for case {} not sent: intake.sms.elks.api-username and .sender are not configured", sms.caseReference());
            return Result.FAILED;
        }
        String form = "from=" + encode(sender) + "&to=" + encode(sms.phone()) + "&message=" + encode(sms.message());
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                log.info("SMS for case {} sent through 46elks", sms.caseReference());
                return Result.SENT;
            }
            log.warn("46elks answered {} to the SMS for case {} (attempt {} of {})", status, sms.caseReference(),
                    sms.attempts() + 1, attempts);
            return status >= 400 && status < 500 && status != 429 ? Result.REFUSED : Result.FAILED;
        } catch (IOException e) {
            log.warn("46elks not reached for the SMS for case {} (attempt {} of {}): {}", sms.caseReference(),
                    sms.attempts() + 1, attempts, e.getClass().getSimpleName());
            return Result.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.FAILED;
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
