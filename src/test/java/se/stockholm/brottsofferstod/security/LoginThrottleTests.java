package se.stockholm.brottsofferstod.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), clock);

    @Test
    void aUserIsLockedOutAfterTooManyFailuresUntilTheWindowHasPassed() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blocked("anna", "10.0.0.1")).isFalse();
            throttle.failed("anna", "10.0.0.1");
        }

        assertThat(throttle.blocked("anna", "10.0.0.2")).isTrue();
        assertThat(throttle.blocked("bertil", "10.0.0.2")).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(throttle.blocked("anna", "10.0.0.2")).isFalse();
    }

    @Test
    void anAddressGuessingManyUserNamesIsLockedOut() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user-" + i, "10.0.0.9");
        }

        assertThat(throttle.blocked("someone-else", "10.0.0.9")).isTrue();
        assertThat(throttle.blocked(null, "10.0.0.9")).isTrue();
        assertThat(throttle.blocked("someone-else", "10.0.0.10")).isFalse();
    }

    @Test
    void aSuccessClearsTheUsersCountButNotTheAddresss() {
        throttle.failed("anna", "10.0.0.1");
        throttle.failed("anna", "10.0.0.1");
        throttle.succeeded("anna");
        throttle.failed("anna", "10.0.0.1");
        throttle.failed("anna", "10.0.0.1");

        assertThat(throttle.blocked("anna", "10.0.0.3")).isFalse();
        throttle.failed("anna", "10.0.0.1");
        assertThat(throttle.blocked("anna", "10.0.0.3")).isTrue();
        assertThat(throttle.blocked("bertil", "10.0.0.1")).isTrue();
    }

    @Test
    void theHostOfABrokerConnectionsAddressIsItsIp() {
        assertThat(LoginThrottle.hostOf("/127.0.0.1:61616")).isEqualTo("127.0.0.1");
        assertThat(LoginThrottle.hostOf("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(LoginThrottle.hostOf("/0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(LoginThrottle.hostOf(null)).isNull();
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
