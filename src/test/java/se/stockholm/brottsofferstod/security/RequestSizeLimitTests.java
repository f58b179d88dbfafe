package se.stockholm.brottsofferstod.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;

/** Every HTTP endpoint has an explicit body limit, enforced before the body is read, over real HTTP. */
class RequestSizeLimitTests extends IntakeIntegrationTest {

    private static final int WEBHOOK_LIMIT = 256 * 1024;
    private static final int API_LIMIT = 64 * 1024;

    private final HttpClient http = HttpClient.newHttpClient();

    /** What an unsigned Twilio request used to leave: a rejection and a dead letter naming the signature. */
    private static final String SIGNATURE_REFUSED = "rejectionReason LIKE 'X-Twilio-Signature%'";

    @Test
    void anUnsignedTwilioRequestWithAHugeDeclaredBodyIsRefusedWith413AndNothingIsKept() {
        int rejectionsBefore = rejections();
        int deadLettersBefore = countOnQueue("intake.dlq", SIGNATURE_REFUSED);

        HttpResponse<String> response = send(request("/webhooks/sms/twilio", "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofByteArray(body(WEBHOOK_LIMIT + 1)), null));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(rejections()).isEqualTo(rejectionsBefore);
        assertThat(countOnQueue("intake.dlq", SIGNATURE_REFUSED)).isEqualTo(deadLettersBefore);
    }

    @Test
    void aChunkedBodyOfUnknownLengthIsReadOnlyUpToTheLimitThenRefused() {
        int rejectionsBefore = rejections();

        HttpResponse<String> response = send(request("/webhooks/sms/twilio", "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body(4 * WEBHOOK_LIMIT))), null));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(rejections()).isEqualTo(rejectionsBefore);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsTakenAsUsual() {
        HttpResponse<String> response = send(request("/webhooks/sms/46elks", "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        "id=chunked-1&from=%2B46701110000&message=hej".getBytes(StandardCharsets.UTF_8))), "elks-webhook:elks-secret"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void theStaffApiHasASmallLimitOfItsOwn() {
        String json = "{\"to\":\"stodcentrum\",\"reason\":\"" + "x".repeat(API_LIMIT) + "\"}";

        HttpResponse<String> response = send(request("/api/cases/BO-2026-000001/links", "application/json",
                HttpRequest.BodyPublishers.ofString(json), "sodra-1:staff-secret"));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aCallerWithoutCredentialsIsRefusedBeforeItsBodyIsConsidered() {
        HttpResponse<String> response = send(request("/api/referrals/police", "application/json",
                HttpRequest.BodyPublishers.ofByteArray(body(MAX_BODY_BYTES + 1)), null));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    /** Rejections an unsigned or oversized webhook request would have left (other tests' rejections come and go). */
    private int rejections() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM rejection WHERE channel = 'TWILIO'", Integer.class);
    }

    private static byte[] body(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'a');
        return body;
    }

    private HttpRequest request(String path, String contentType, HttpRequest.BodyPublisher body, String credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).POST(body);
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
