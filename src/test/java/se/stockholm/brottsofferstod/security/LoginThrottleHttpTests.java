package se.stockholm.brottsofferstod.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;

/** Login throttling over real HTTP, on a user of its own (the shared users file's throttle-probe). */
class LoginThrottleHttpTests extends IntakeIntegrationTest {

    private static final byte[] FORM = "id=t&from=%2B46700000000&message=hej".getBytes(StandardCharsets.UTF_8);

    @Test
    void afterTooManyWrongPasswordsEvenTheRightOneIsRefusedWith429() {
        for (int i = 0; i < 10; i++) {
            assertThat(postForm("/webhooks/sms/46elks", FORM, "throttle-probe", "guess-" + i).statusCode()).isEqualTo(401);
        }

        var refused = postForm("/webhooks/sms/46elks", FORM, "throttle-probe", "probe-secret");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(postForm("/webhooks/sms/46elks", FORM, "elks-webhook", "elks-secret").statusCode()).isNotEqualTo(429);
    }
}
