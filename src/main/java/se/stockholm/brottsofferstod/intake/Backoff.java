package se.stockholm.brottsofferstod.intake;

import java.time.Duration;

/** The pause before the next try of something sent out: doubling from the first pause, never longer than the last. */
public final class Backoff {

    private Backoff() {
    }

    /** The pause after failed try number {@code attempt} (1 for the first failure). */
    public static Duration after(int attempt, Duration first, Duration longest) {
        Duration pause = first.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return pause.compareTo(longest) > 0 ? longest : pause;
    }
}
