package se.stockholm.brottsofferstod.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import se.stockholm.brottsofferstod.support.CountingPasswordEncoder;

class CachingPasswordEncoderTests {

    private final AtomicInteger fullChecks = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final CountingPasswordEncoder counting = new CountingPasswordEncoder();
    private final String hash = bcrypt.encode("right");

    @Test
    void aSuccessfulCheckIsRememberedUntilItExpires() {
        MutableClock clock = new MutableClock();
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(counting, Duration.ofMinutes(10), clock);

        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(counting.fullChecks()).isEqualTo(1);

        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(counting.fullChecks()).isEqualTo(2);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedInFullAndNeverRemembered() {
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(counting, Duration.ofMinutes(10), new MutableClock());

        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(counting.fullChecks()).isEqualTo(3);
    }

    @Test
    void aChangedHashIsCheckedAgain() {
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(counting, Duration.ofMinutes(10), new MutableClock());

        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(encoder.matches("right", bcrypt.encode("other"))).isFalse();
    }

    @Test
    void theSameCredentialsArrivingTogetherAreCheckedOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PasswordEncoder slow = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                fullChecks.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return bcrypt.matches(raw, encoded);
            }
        };
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(slow, Duration.ofMinutes(10), new MutableClock());
        List<Thread> threads = new ArrayList<>();
        AtomicInteger matched = new AtomicInteger();
        for (int i = 0; i < 16; i++) {
            Thread t = new Thread(() -> {
                if (encoder.matches("right", hash)) {
                    matched.incrementAndGet();
                }
            });
            threads.add(t);
            t.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

        release.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }

        assertThat(fullChecks.get()).isEqualTo(1);
        assertThat(matched.get()).isEqualTo(16);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
