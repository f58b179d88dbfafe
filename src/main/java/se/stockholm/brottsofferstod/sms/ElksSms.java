package se.stockholm.brottsofferstod.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends SMS that are not replies through 46elks' REST API ({@code POST {base}/a1/sms} with {@code from},
 * {@code to}, {@code message}), trying again when 46elks or the network fails. Callers check first that the
 * person may be written to.
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
    private final Duration backoff;

    ElksSms(@Value("${intake.sms.elks.api-url}") String apiUrl,
            @Value("${intake.sms.elks.api-username}") String username,
            @Value("${intake.sms.elks.api-password}") String password,
            @Value("${intake.sms.elks.sender}") String sender,
            @Value("${intake.sms.elks.attempts}") int attempts,
            @Value("${intake.sms.elks.retry-backoff}") Duration backoff) {
        this.endpoint = URI.create(apiUrl.replaceAll("/+$", "") + "/a1/sms");
        this.authorization = username.isBlank() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.sender = sender;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
    }

    /**
     * @param caseReference for the log only (never the number or the text)
     * @return whether 46elks took the message
     */
    boolean send(String to, String message, String caseReference) {
        if (authorization == null || sender.isBlank()) {
            log.warn("SMS for case {} not sent: intake.sms.elks.api-username and .sender are not configured", caseReference);
            return false;
        }
        String form = "from=" + encode(sender) + "&to=" + encode(to) + "&message=" + encode(message);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    log.info("SMS for case {} sent through 46elks", caseReference);
                    return true;
                }
                log.warn("46elks answered {} to the SMS for case {} (attempt {} of {})", status, caseReference, attempt, attempts);
                if (status >= 400 && status < 500 && status != 429) {
                    return false;
                }
            } catch (IOException e) {
                log.warn("46elks not reached for the SMS for case {} (attempt {} of {}): {}", caseReference, attempt, attempts,
                        e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (attempt < attempts && !pause(backoff.multipliedBy(attempt))) {
                return false;
            }
        }
        return false;
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
