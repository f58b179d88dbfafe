package se.stockholm.brottsofferstod.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in integration tests: the real time, moved by a test that needs time to have passed
 * (retention, reminders) instead of rewriting rows. {@link IntakeIntegrationTest} sets it back after each test.
 */
public final class TestClock extends Clock {

    private volatile Duration shift = Duration.ZERO;

    /** From now on the service's time runs this far ahead of the real time. */
    public void advance(Duration by) {
        shift = shift.plus(by);
    }

    /** From now on the service's time runs this far behind the real time (a case taken in now was received then). */
    public void turnBack(Duration by) {
        shift = shift.minus(by);
    }

    public void reset() {
        shift = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock outer = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return outer.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return outer.withZone(other);
            }
        };
    }
}
